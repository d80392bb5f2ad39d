"""The glossary as CSV: one row per term and meaning, every language as columns.

Columns, in this order (``<lang>`` for each of the glossary's languages):
``id, status, usage, tags, related, note, label:<lang>…, form:<lang>…, department,
definition:<lang>…, prefer:<lang>…, cues:<lang>…``. Lists are ``|``-separated. The term's own
fields (id to form) are repeated on every row of its meanings and must agree.

Reading validates every term as the glossary file does, and reports each problem by row
(1 is the header) and column, so that a spreadsheet can be fixed where it is wrong.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from glossary.errors import InvalidGlossaryFile, Problem
from glossary.matching.model import Glossary, Term
from glossary.terms_file import parse_term

SEPARATOR = "|"
TERM_COLUMNS = ("id", "status", "usage", "tags", "related", "note")
TERM_LISTS = ("label", "form")
MEANING_LISTS = ("prefer", "cues")


def header(languages: Sequence[str]) -> list[str]:
    """The header row for a glossary's languages."""
    columns = list(TERM_COLUMNS)
    columns += [f"{kind}:{lang}" for kind in TERM_LISTS for lang in languages]
    columns += ["department"]
    columns += [f"definition:{lang}" for lang in languages]
    columns += [f"{kind}:{lang}" for kind in MEANING_LISTS for lang in languages]
    return columns


def dump_csv(glossary: Glossary) -> str:
    """The whole glossary as CSV text."""
    languages = list(glossary.languages)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(languages))
    for term in glossary.terms:
        writer.writerows(_rows(term, languages))
    return out.getvalue()


def _rows(term: Term, languages: Sequence[str]) -> list[list[str]]:
    own = [
        term.id,
        term.status.value,
        term.usage.value,
        SEPARATOR.join(term.tags),
        SEPARATOR.join(term.related),
        term.note or "",
    ]
    own += [SEPARATOR.join(term.labels.get(lang, ())) for lang in languages]
    own += [SEPARATOR.join(term.forms.get(lang, ())) for lang in languages]
    rows = []
    for meaning in term.meanings:
        row = [*own, meaning.department]
        row += [meaning.definition.get(lang, "") for lang in languages]
        row += [SEPARATOR.join(meaning.prefer.get(lang, ())) for lang in languages]
        row += [SEPARATOR.join(meaning.cues.get(lang, ())) for lang in languages]
        rows.append(row)
    return rows


@dataclass
class CsvTerms:
    """The terms a CSV file holds, and the rows each came from."""

    terms: list[Term] = field(default_factory=list)
    rows: dict[str, list[int]] = field(default_factory=dict)


def parse_csv(
    data: bytes | str, *, languages: Sequence[str], departments: Collection[str]
) -> CsvTerms:
    """Read and validate every row; raise InvalidGlossaryFile listing every problem by row."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    try:
        head = next(reader)
    except StopIteration:
        raise InvalidGlossaryFile(
            [Problem("", "the CSV file is empty")], source="the CSV file"
        ) from None
    columns = {name.strip(): i for i, name in enumerate(head)}
    for name in columns:
        if not _known_column(name, languages):
            problems.append(Problem(f"column {name!r}", "unknown column", line=1))
    for name in ("id", "department"):
        if name not in columns:
            problems.append(Problem(f"column {name!r}", "missing column", line=1))
    if problems:
        raise InvalidGlossaryFile(problems, source="the CSV file")
    grouped: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(head):
            problems.append(
                Problem(
                    f"row {number}", f"{len(row)} cells, the header has {len(head)}", line=number
                )
            )
            continue
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in columns.items()}
        if not cells["id"]:
            problems.append(
                Problem(f"row {number}, column 'id'", "the term id is empty", line=number)
            )
            continue
        grouped.setdefault(cells["id"], []).append((number, cells))
    found = CsvTerms()
    for term_id, rows in grouped.items():
        raw, conflicts = _raw_term(rows, languages)
        problems += conflicts
        found.rows[term_id] = [number for number, _ in rows]
        try:
            found.terms.append(
                parse_term(raw, languages=languages, departments=departments, path="term")
            )
        except InvalidGlossaryFile as error:
            problems += [_where(problem, rows) for problem in error.problems]
    if problems:
        raise InvalidGlossaryFile(problems, source="the CSV file")
    return found


def _known_column(name: str, languages: Sequence[str]) -> bool:
    if name in TERM_COLUMNS or name == "department":
        return True
    kind, _, lang = name.partition(":")
    return lang in languages and kind in (*TERM_LISTS, "definition", *MEANING_LISTS)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(SEPARATOR) if part.strip()]


def _raw_term(
    rows: list[tuple[int, dict[str, str]]], languages: Sequence[str]
) -> tuple[dict[str, Any], list[Problem]]:
    """The term as glossary-file data; the term's own cells must agree on every row."""
    first_number, first = rows[0]
    problems = []
    own = [name for name in first if name in TERM_COLUMNS or name.split(":")[0] in TERM_LISTS]
    for number, cells in rows[1:]:
        for name in own:
            if cells[name] and cells[name] != first[name]:
                problems.append(
                    Problem(
                        f"row {number}, column {name!r}",
                        f"differs from row {first_number} of the same term ({first[name]!r})",
                        line=number,
                    )
                )
    raw: dict[str, Any] = {"id": first["id"]}
    for kind, key in (("label", "labels"), ("form", "forms")):
        values = {lang: _split(first.get(f"{kind}:{lang}", "")) for lang in languages}
        if any(values.values()) or kind == "label":
            raw[key] = {lang: words for lang, words in values.items() if words}
    raw["meanings"] = [_raw_meaning(cells, languages) for _, cells in rows]
    for name in ("tags", "related"):
        if first.get(name):
            raw[name] = _split(first[name])
    for name in ("status", "usage", "note"):
        if first.get(name):
            raw[name] = first[name]
    return raw, problems


def _raw_meaning(cells: dict[str, str], languages: Sequence[str]) -> dict[str, Any]:
    meaning: dict[str, Any] = {
        "department": cells["department"],
        "definition": {
            lang: cells[f"definition:{lang}"]
            for lang in languages
            if cells.get(f"definition:{lang}")
        },
    }
    for kind in MEANING_LISTS:
        values = {lang: _split(cells.get(f"{kind}:{lang}", "")) for lang in languages}
        if any(values.values()):
            meaning[kind] = {lang: words for lang, words in values.items() if words}
    return meaning


_PATH = re.compile(
    r"term(?:\.meanings\[(?P<meaning>\d+)\])?(?:\.(?P<field>[a-z_]+))?(?:\.(?P<lang>[a-z]{2,3}))?"
)
_COLUMN_OF = {"labels": "label", "forms": "form", "prefer": "prefer", "cues": "cues"}


def _where(problem: Problem, rows: list[tuple[int, dict[str, str]]]) -> Problem:
    """A term's problem placed at its row and column."""
    match = _PATH.match(problem.path)
    number = rows[0][0]
    column = "id"
    if match:
        if match["meaning"] is not None and int(match["meaning"]) < len(rows):
            number = rows[int(match["meaning"])][0]
        name = match["field"] or "id"
        name = _COLUMN_OF.get(name, name)
        column = f"{name}:{match['lang']}" if match["lang"] else name
    return Problem(f"row {number}, column {column!r}", problem.message, line=number)
