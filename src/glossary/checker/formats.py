"""Report formats of ``glossary check``: text, compact, json, sarif, github and rdjsonl.

Each reporter takes the files' results in order and a summary at the end. Line formats
(text, compact, github, rdjsonl) are written as results arrive; json and sarif are whole
documents, written at the end from the findings alone.
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from glossary.checker.run import Reported
from glossary.matching.findings import Finding, to_json

FORMATS = ("text", "compact", "json", "sarif", "github", "rdjsonl")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {"warning": "warning", "info": "note"}
GITHUB_LEVELS = {"warning": "warning", "info": "notice"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class Summary:
    """Counts over a whole run."""

    files: int = 0
    files_with_findings: int = 0
    warnings: int = 0
    infos: int = 0
    excused: int = 0

    def add(self, findings: list[Reported], excused: int) -> None:
        """Count one file's reported findings and the ones a baseline excused."""
        self.files += 1
        self.files_with_findings += bool(findings)
        self.warnings += sum(1 for f in findings if f.severity == "warning")
        self.infos += sum(1 for f in findings if f.severity == "info")
        self.excused += excused

    def sentence(self) -> str:
        """``2 warnings and 1 note in 2 of 14 files (3 in the baseline)``."""
        total = self.warnings + self.infos
        if not total:
            head = f"no findings in {_count(self.files, 'file')}"
        else:
            parts = [_count(self.warnings, "warning")] if self.warnings else []
            parts += [_count(self.infos, "note")] if self.infos else []
            files = _count(self.files, "file")
            head = f"{' and '.join(parts)} in {self.files_with_findings} of {files}"
        return head + (f" ({self.excused} in the baseline)" if self.excused else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def rule_id(found: Reported) -> str:
    """A stable rule id per kind and term: ``glossary/ambiguous/budget``."""
    return f"glossary/{found.finding.kind}/{found.term}"


def end_position(found: Reported) -> tuple[int, int]:
    """1-based line and exclusive column (code points) where a finding ends."""
    f = found.finding
    pieces = _LINE_BREAK.split(f.text)
    if len(pieces) == 1:
        return f.line, f.column + f.length
    return f.line + len(pieces) - 1, len(pieces[-1]) + 1


class Reporter:
    """Writes one format; ``file`` per result in order, then ``finish``."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def file(self, path: str, findings: list[Reported]) -> None:
        """One file's findings (after the baseline)."""

    def finish(self, summary: Summary) -> None:
        """The end of the run."""


class TextReporter(Reporter):
    """``path:line:col: severity: message`` like a compiler; below a term's first finding in
    each file, each department's meaning and the suggestions (a file's block stands alone,
    and repeats do not bury the findings); colour only when asked or on a terminal without
    ``NO_COLOR``."""

    def __init__(self, out: TextIO, *, colour: bool) -> None:
        super().__init__(out)
        self.paint: Callable[[str, str], str] = _paint if colour else lambda _code, text: text

    def file(self, path: str, findings: list[Reported]) -> None:
        paint = self.paint
        explained: set[str] = set()
        for found in findings:
            f = found.finding
            severity = paint("33" if f.severity == "warning" else "36", f.severity)
            where = paint("1", f"{path}:{f.line}:{f.column}:")
            print(f"{where} {severity}: {f.message}", file=self.out)
            if found.term in explained:
                continue
            explained.add(found.term)
            for meaning in f.meanings:
                name = paint("1", meaning.department_name)
                print(f"    {name}: {meaning.definition}", file=self.out)
            if f.suggestions:
                print(f"    → {', '.join(f.suggestions)}", file=self.out)


class CompactReporter(Reporter):
    """One line per finding, ``path:line:col: severity: message [term]``, as ESLint's and
    Vale's compact formats: for editors' problem matchers, grep and long runs."""

    def file(self, path: str, findings: list[Reported]) -> None:
        for found in findings:
            f = found.finding
            print(
                f"{path}:{f.line}:{f.column}: {f.severity}: {f.message} [{found.term}]",
                file=self.out,
            )


def _paint(code: str, text: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m"


def wants_colour(out: TextIO, choice: str) -> bool:
    """``always``, ``never``, or ``auto``: a terminal, unless ``NO_COLOR`` is set."""
    if choice != "auto":
        return choice == "always"
    return out.isatty() and not os.environ.get("NO_COLOR")


class JsonReporter(Reporter):
    """``{"files": [{"path", "findings": [...]}], "summary": {...}}``; each finding is the
    check contract's plus its line ``fingerprint``."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self.files: list[dict[str, Any]] = []

    def file(self, path: str, findings: list[Reported]) -> None:
        self.files.append(
            {
                "path": path,
                "findings": [
                    {**to_json(found.finding), "fingerprint": found.fingerprint}
                    for found in findings
                ],
            }
        )

    def finish(self, summary: Summary) -> None:
        counts = {
            "files": summary.files,
            "files_with_findings": summary.files_with_findings,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "baselined": summary.excused,
        }
        # Compact: the indenting encoder is pure Python, ten times slower on large runs.
        self.out.write(json.dumps({"files": self.files, "summary": counts}, ensure_ascii=False))
        self.out.write("\n")


class SarifReporter(Reporter):
    """SARIF 2.1.0 for code scanning: one rule per kind and term, 1-based code-point columns,
    and a fingerprint of each finding's line that survives edits elsewhere."""

    def __init__(self, out: TextIO, *, root: Path) -> None:
        super().__init__(out)
        self.root = root
        self.rules: dict[str, dict[str, Any]] = {}
        self.rule_index: dict[str, int] = {}
        self.results: list[dict[str, Any]] = []

    def file(self, path: str, findings: list[Reported]) -> None:
        for found in findings:
            rule = rule_id(found)
            if rule not in self.rules:
                self.rule_index[rule] = len(self.rules)
                self.rules[rule] = _sarif_rule(rule, found)
            self.results.append(self._result(path, found, rule))

    def _result(self, path: str, found: Reported, rule: str) -> dict[str, Any]:
        f = found.finding
        end_line, end_column = end_position(found)
        return {
            "ruleId": rule,
            "ruleIndex": self.rule_index[rule],
            "level": SARIF_LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(path),
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": end_line,
                            "endColumn": end_column,
                            "charOffset": f.offset,
                            "charLength": f.length,
                            "snippet": {"text": f.text},
                        },
                    }
                }
            ],
            "partialFingerprints": {"glossaryLine/v1": found.fingerprint},
            "properties": {
                "match": f.match.value,
                "score": f.score,
                "suggestions": list(f.suggestions),
                "likelyDepartment": f.likely_department,
            },
        }

    def finish(self, summary: Summary) -> None:
        driver: dict[str, Any] = {
            "name": "glossary",
            "version": _version(),
            "rules": list(self.rules.values()),
        }
        run = {
            "tool": {"driver": driver},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": self.root.resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": self.results,
        }
        report = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        self.out.write(json.dumps(report, ensure_ascii=False))
        self.out.write("\n")


def _artifact(path: str) -> dict[str, str]:
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": urllib.parse.quote(path), "uriBaseId": "%SRCROOT%"}


def _sarif_rule(rule: str, found: Reported) -> dict[str, Any]:
    f = found.finding
    kind = f.kind.value
    lines = _meaning_lines(f)
    table = ["| Department | Meaning | Write instead |", "|---|---|---|"] + [
        f"| {_cell(m.department_name)} | {_cell(m.definition)} | {_cell(', '.join(m.prefer))} |"
        for m in f.meanings
    ]
    return {
        "id": rule,
        "name": f"{kind.capitalize()}{''.join(p.capitalize() for p in found.term.split('-'))}",
        "shortDescription": {"text": f'"{f.term.label}" ({kind})'},
        "fullDescription": {"text": f.message},
        "help": {"text": "\n".join(lines) or f.message, "markdown": "\n".join(table)},
        "defaultConfiguration": {"level": SARIF_LEVELS[f.severity]},
        "properties": {"tags": ["terminology", kind]},
    }


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _version() -> str:
    try:
        return metadata.version("glossary")
    except metadata.PackageNotFoundError:
        return "0"


class GithubReporter(Reporter):
    """Workflow annotations (``::warning file=…``), and the complete list as a Markdown table
    in ``$GITHUB_STEP_SUMMARY``: GitHub shows only 10 annotations of a kind per step."""

    def __init__(self, out: TextIO, *, summary_file: str | None) -> None:
        super().__init__(out)
        self.summary_file = summary_file
        self.rows: list[str] = []

    def file(self, path: str, findings: list[Reported]) -> None:
        for found in findings:
            f = found.finding
            end_line, end_column = end_position(found)
            properties = {
                "file": path,
                "line": f.line,
                "col": f.column,
                "endLine": end_line,
                "endColumn": end_column,
                "title": f"glossary: {f.term.label} ({f.kind})",
            }
            if end_line != f.line:
                del properties["col"], properties["endColumn"]  # GitHub: columns on one line only
            fields = ",".join(
                f"{key}={_escape_property(str(value))}" for key, value in properties.items()
            )
            body = "\n".join([f.message, *_meaning_lines(f)])
            print(f"::{GITHUB_LEVELS[f.severity]} {fields}::{_escape_data(body)}", file=self.out)
            self.rows.append(
                f"| {_cell(path)}:{f.line}:{f.column} | {_cell(f.text)} "
                f"| {_cell(f.term.label)} | {f.kind} | {_cell(f.message)} "
                f"| {_cell(', '.join(f.suggestions))} |"
            )

    def finish(self, summary: Summary) -> None:
        if not self.summary_file:
            return
        lines = ["## glossary check", "", summary.sentence().capitalize() + ".", ""]
        if self.rows:
            lines += [
                "| Where | Word | Term | Kind | Message | Write instead |",
                "|---|---|---|---|---|---|",
            ]
            lines += self.rows
        with open(self.summary_file, "a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")


def _meaning_lines(f: Finding) -> list[str]:
    return [f"{m.department_name}: {m.definition}" for m in f.meanings]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class RdjsonlReporter(Reporter):
    """reviewdog's diagnostic format, one JSON object per line (columns in UTF-8 bytes, as
    reviewdog counts them)."""

    def file(self, path: str, findings: list[Reported]) -> None:
        for found in findings:
            f = found.finding
            start = {"line": f.line, "column": _byte_column(found.line_text, f.column)}
            end_line, end_column = end_position(found)
            if end_line == f.line:
                end = {"line": end_line, "column": _byte_column(found.line_text, end_column)}
            else:
                last = _LINE_BREAK.split(f.text)[-1]
                end = {"line": end_line, "column": len(last.encode("utf-8")) + 1}
            where = {"start": start, "end": end}
            diagnostic = {
                "message": "\n".join([f.message, *_meaning_lines(f)]),
                "location": {"path": path, "range": where},
                "severity": "WARNING" if f.severity == "warning" else "INFO",
                "source": {"name": "glossary"},
                "code": {"value": rule_id(found)},
                "suggestions": [{"range": where, "text": text} for text in f.suggestions],
            }
            print(json.dumps(diagnostic, ensure_ascii=False), file=self.out)


def _byte_column(line: str, column: int) -> int:
    return len(line[: column - 1].encode("utf-8")) + 1


def reporter(name: str, out: TextIO, *, colour: bool, root: Path) -> Reporter:
    """The reporter for a format name."""
    if name == "text":
        return TextReporter(out, colour=colour)
    if name == "compact":
        return CompactReporter(out)
    if name == "json":
        return JsonReporter(out)
    if name == "sarif":
        return SarifReporter(out, root=root)
    if name == "github":
        return GithubReporter(out, summary_file=os.environ.get("GITHUB_STEP_SUMMARY"))
    return RdjsonlReporter(out)
