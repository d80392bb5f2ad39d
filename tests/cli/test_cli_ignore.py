"""``glossary import`` and ``export`` carry the glossary's ignore list and a term's word
classes, as a subprocess on a real database."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.cli.test_cli import glossary
from tests.conftest import SMALL


def test_import_adds_the_ignore_list_and_export_writes_it_back(
    database_url: str, tmp_path: Path
) -> None:
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["ignore"] = ["Campaign Monitor"]
    data["terms"][0]["pos"] = ["verb", "noun"]
    source = tmp_path / "glossary.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert glossary("db", "upgrade", database_url=database_url).returncode == 0
    imported = glossary("import", str(source), database_url=database_url)
    assert imported.returncode == 0, imported.stderr
    assert "  ignore added: Campaign Monitor" in imported.stdout
    exported = yaml.safe_load(glossary("export", database_url=database_url).stdout)
    assert exported["ignore"] == ["Campaign Monitor"]
    first = next(t for t in exported["terms"] if t["id"] == data["terms"][0]["id"])
    assert first["pos"] == ["noun", "verb"]
    again = glossary("import", str(source), database_url=database_url)
    assert "ignore added" not in again.stdout
    assert "0 created, 0 updated" in again.stdout
