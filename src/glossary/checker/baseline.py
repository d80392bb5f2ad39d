"""Baselines: today's findings, recorded so that only new ones fail a check.

A finding is recorded by its file, its term and a fingerprint of its line's text (spaces
folded), with a count for repeats: an edit elsewhere in the file, which moves lines, does not
invalidate it; editing the line itself does, which is what a reviewer wants to see.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from glossary.checker.run import FileResult, Reported
from glossary.errors import InvalidInput

VERSION = 1
Key = tuple[str, str, str]


class BaselineError(InvalidInput):
    """A baseline file that cannot be read."""

    code = "invalid_baseline"


def _key(path: str, found: Reported) -> Key:
    return path, found.term, found.fingerprint


def write_baseline(file: Path, results: Iterable[FileResult]) -> int:
    """Record every finding; the number recorded."""
    counts: Counter[Key] = Counter(_key(r.path, f) for r in results for f in r.findings)
    entries = [
        {"path": path, "term": term, "fingerprint": fingerprint, "count": count}
        for (path, term, fingerprint), count in sorted(counts.items())
    ]
    data = {"tool": "glossary", "version": VERSION, "findings": entries}
    try:
        file.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise BaselineError(f"cannot write {file}: {error.strerror or error}") from None
    return sum(counts.values())


class Baseline:
    """Recorded findings; each may excuse as many findings as it counted."""

    def __init__(self, counts: Counter[Key]) -> None:
        self.left = counts

    @classmethod
    def load(cls, file: Path) -> Baseline:
        """Read a baseline written by ``--write-baseline``."""
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except OSError as error:
            raise BaselineError(f"cannot read baseline {file}: {error.strerror or error}") from None
        except ValueError as error:
            raise BaselineError(f"{file}: not a baseline (invalid JSON: {error})") from None
        if not isinstance(data, dict) or data.get("tool") != "glossary" or "findings" not in data:
            raise BaselineError(f"{file}: not a glossary baseline (written by --write-baseline)")
        counts: Counter[Key] = Counter()
        for i, entry in enumerate(data["findings"]):
            try:
                counts[entry["path"], entry["term"], entry["fingerprint"]] += int(entry["count"])
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{file}: findings[{i}] is malformed") from None
        return cls(counts)

    def new_findings(self, result: FileResult) -> tuple[list[Reported], int]:
        """The findings of a file that the baseline does not excuse, and how many it did."""
        new, excused = [], 0
        for found in result.findings:
            key = _key(result.path, found)
            if self.left[key] > 0:
                self.left[key] -= 1
                excused += 1
            else:
                new.append(found)
        return new, excused
