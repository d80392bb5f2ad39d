r"""The glossary as CSV: one row per term and meaning, every language as columns.

Columns, in this order (``<lang>`` for each of the glossary's languages):
``id, status, usage, tags, related, note, ignore, pos, label:<lang>…, form:<lang>…, department,
definition:<lang>…, prefer:<lang>…, cues:<lang>…``. Lists are ``|``-separated; inside an
item ``\|`` stands for ``|`` and ``\\`` for ``\``. The term's own fields (id to form) are
repeated on every row of its meanings and must agree.

A cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return: OWASP's list for CSV injection) is written with a leading ``'``, and
so is a cell of ``'`` before one of those; reading drops exactly that one ``'``, so a round
trip keeps ``-20 % rabatt`` as it was.

Reading validates every term as the glossary file does, and reports each problem by row
(1 is the header) and column, so that a spreadsheet can be fixed where it is wrong.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from glossary.errors import InvalidGlossaryFile, Problem
from glossary.matching.model import Glossary, Term
from glossary.terms_file import parse_term

SEPARATOR = "|"
#: A cell a spreadsheet would run as a formula, or one that looks so after a leading "'".
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
#: A list item: escaped "\" or "|", or any character but the separator.
_ITEM = re.compile(r"(?:\\[\\|]|[^|])+")
_ESCAPED = re.compile(r"\\([\\|])")
TERM_COLUMNS = ("id", "status", "usage", "tags", "related", "note", "ignore", "pos")
#: A term's word classes when its ``pos`` cell is empty (the cell is left empty for them).
DEFAULT_POS = ("noun",)
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
        writer.writerows([[_inert(cell) for cell in row] for row in _rows(term, languages)])
    return out.getvalue()


def _inert(cell: str) -> str:
    """The cell as a spreadsheet shows it as text, never runs it as a formula."""
    return f"'{cell}" if _FORMULA.match(cell) else cell


def _restored(cell: str) -> str:
    """The cell as it was before ``_inert``."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def _join(items: Sequence[str]) -> str:
    """A list as one cell: items joined by ``|``, their own ``\\`` and ``|`` escaped."""
    return SEPARATOR.join(item.replace("\\", "\\\\").replace("|", "\\|") for item in items)


def _rows(term: Term, languages: Sequence[str]) -> list[list[str]]:
    own = [
        term.id,
        term.status.value,
        term.usage.value,
        _join(term.tags),
        _join(term.related),
        term.note or "",
        _join(term.ignore),
        "" if tuple(term.pos) == DEFAULT_POS else _join(term.pos),
    ]
    own += [_join(term.labels.get(lang, ())) for lang in languages]
    own += [_join(term.forms.get(lang, ())) for lang in languages]
    rows = []
    for meaning in term.meanings:
        row = [*own, meaning.department]
        row += [meaning.definition.get(lang, "") for lang in languages]
        row += [_join(meaning.prefer.get(lang, ())) for lang in languages]
        row += [_join(meaning.cues.get(lang, ())) for lang in languages]
        rows.append(row)
    return rows


@dataclass
class CsvTerms:
    """The terms a CSV file holds, and the rows each came from."""

    terms: list[Term] = field(default_factory=list)
    rows: dict[str, list[int]] = field(default_factory=dict)
    #: The columns the header names (a file from before a column existed lacks it).
    columns: frozenset[str] = frozenset()


def parse_csv(
    data: bytes | str, *, languages: Sequence[str], departments: Collection[str]
) -> CsvTerms:
    """Read and validate every row; raise InvalidGlossaryFile listing every problem by row."""
    records = _records(_decoded(data))
    first = next(records, None)
    if first is None:
        raise InvalidGlossaryFile([Problem("", "the CSV file is empty")], source="the CSV file")
    _, head = first
    columns = {name.strip(): i for i, name in enumerate(head)}
    problems = _header_problems(columns, languages)
    if problems:
        raise InvalidGlossaryFile(problems, source="the CSV file")
    grouped = _grouped(records, columns, len(head), problems)
    found = CsvTerms(columns=frozenset(columns))
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


def _header_problems(columns: dict[str, int], languages: Sequence[str]) -> list[Problem]:
    problems = [
        Problem(f"column {name!r}", "unknown column", line=1)
        for name in columns
        if not _known_column(name, languages)
    ]
    problems += [
        Problem(f"column {name!r}", "missing column", line=1)
        for name in ("id", "department")
        if name not in columns
    ]
    return problems


def _grouped(
    records: Iterator[tuple[int, list[str]]],
    columns: dict[str, int],
    width: int,
    problems: list[Problem],
) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """The rows of each term id, in order; a row that is too wide or has no id is a problem."""
    grouped: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for number, row in records:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width:
            message = f"{len(row)} cells, the header has {width}"
            problems.append(Problem(f"row {number}", message, line=number))
            continue
        cells = {
            name: _restored(row[i].strip() if i < len(row) else "") for name, i in columns.items()
        }
        if not cells["id"]:
            problems.append(
                Problem(f"row {number}, column 'id'", "the term id is empty", line=number)
            )
            continue
        grouped.setdefault(cells["id"], []).append((number, cells))
    return grouped


def _decoded(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = _row_at(data[: error.start].decode("utf-8-sig"))
        message = f"not valid UTF-8: byte 0x{data[error.start]:02x} cannot be decoded"
        raise _unreadable(row, f"{message}; save the file as UTF-8") from None


def _row_at(prefix: str) -> int:
    """The row in which the text after ``prefix`` is."""
    try:
        return sum(1 for _ in csv.reader(io.StringIO(prefix + "x", newline="")))
    except csv.Error:
        return prefix.count("\n") + 1


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with its number (1 is the header); a row the reader cannot read stops all."""
    number = 0
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, row in enumerate(reader, start=1):
            yield number, row
    except csv.Error as error:
        limit = csv.field_size_limit()
        message = (
            f"a cell is longer than {limit:,} characters"
            if "field limit" in str(error)
            else f"cannot be read as CSV: {error}"
        )
        raise _unreadable(number + 1, message) from None


def _unreadable(row: int, message: str) -> InvalidGlossaryFile:
    return InvalidGlossaryFile([Problem(f"row {row}", message, line=row)], source="the CSV file")


def _known_column(name: str, languages: Sequence[str]) -> bool:
    if name in TERM_COLUMNS or name == "department":
        return True
    kind, _, lang = name.partition(":")
    return lang in languages and kind in (*TERM_LISTS, "definition", *MEANING_LISTS)


def _split(cell: str) -> list[str]:
    """The items of a list cell (see ``_join``); empty ones dropped."""
    items = (_ESCAPED.sub(r"\1", item).strip() for item in _ITEM.findall(cell))
    return [item for item in items if item]


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
    for name in ("tags", "related", "ignore", "pos"):
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
