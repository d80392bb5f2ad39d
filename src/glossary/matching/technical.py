"""Addresses and names of things written in prose: a term word inside one is not the term.

A placed span is judged by the whitespace-delimited chunk around it, with the quotes,
brackets and sentence punctuation around the chunk trimmed: a web address without a scheme
(its host ends in a suffix of the Public Suffix List), a path, a git branch, a file name, a
code identifier or call, a template placeholder (``{{lead.name}}``), a command-line option, a
ticket key, a hashtag, channel or @-mention. Slashes between words
(``sälj/marknad``), hyphenated compounds (``SMB-segmentet``) and abbreviations stay prose.
Addresses with a scheme and e-mail addresses never get here: the document layer blanks them.
"""

from __future__ import annotations

import mimetypes
import re
from functools import cache
from typing import TYPE_CHECKING

from publicsuffixlist import PublicSuffixList

if TYPE_CHECKING:
    from glossary.matching.context import Context
    from glossary.matching.spans import Span

__all__ = ["alone", "in_technical", "is_code", "is_file_name", "is_technical", "is_web_address"]

#: How far a chunk is read either side of a span: a longer run without a space is data
#: (an encoded blob, a minified line), not prose, and is never read further.
REACH = 128

_OPENING = "\"'([{<«‹“‘„*_~¡¿"
_CLOSING = ".,;:!?\"'»›”’*_~…"
_SENTENCE_MARKS = frozenset(".,;:!?")
_PAIRS = {")": "(", "]": "[", "}": "{", ">": "<"}

_HANDLE = re.compile(r"[#@][^\W_]|\w[\w.+-]*@\w")
_TICKET_KEY = re.compile(r"[A-Z][A-Z0-9]+-[0-9]+")
_PATH = re.compile(r"(?:/|\./|\.\./|~/|[A-Za-z]:\\|\\\\)\w")
_ISSUE_REF = re.compile(r"[\w.-]+/[\w.-]+#[0-9]+")
_OPTION = re.compile(r"--[^\W_]")
_BRANCH = re.compile(r"(?:feature|feat|fix|bugfix|hotfix|release|chore|refactor)/[\w.-]")
_PLACEHOLDER = re.compile(r"[\"'(\[]*(?:\{\{|\{%|\{\"|\$\{|\$[A-Za-z_])")
_QUERY = re.compile(r"(?:^|[?&])[\w.-]+=")
_HOST_END = re.compile(r"[/?#:]")
_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")
_FILE_NAME = re.compile(r"[\w.-]*\w\.([A-Za-z0-9]{2,10})")
_SPACE = re.compile(r"\s")
_CAMEL = re.compile(r"[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ]")
_SNAKE = re.compile(r"[^\W_]_+[^\W_]")
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[a-z_]\w*)+", re.ASCII)
_CODE_RUN = re.compile(r"[\w.]*")
_ARGUMENT_MARKS = frozenset("=,\"'._")
_SQL_BEFORE_NAME = frozenset(
    {"SELECT", "FROM", "JOIN", "INTO", "UPDATE", "TABLE", "WHERE", "AS", "BY"}
)

#: Source, configuration and office files that the standard library's table leaves out.
_SOURCE_AND_OFFICE = (
    "xlsx xlsm docx pptx odt ods odp rtf numbers key pages md markdown rst adoc yaml yml toml "
    "ini cfg conf env lock log sql ts tsx jsx vue svelte java kt kts scala go rs rb php cs cpp "
    "hpp swift dart lua ps1 ipynb jsonl ndjson parquet avro gz tgz bz2 xz 7z rar dmg iso apk "
    "msi deb rpm jar whl msg ics mbox webp psd sketch fig graphql proto tf hcl bak tmp"
)
_MORE_EXTENSIONS = frozenset(_SOURCE_AND_OFFICE.split())


def in_technical(context: Context, span: Span) -> bool:
    """True when the span is part of an address, file name, code identifier or ticket key."""
    text = context.text
    word = text[span.start : span.end]
    if not word.isalnum() and _SPACE.search(word):
        return False
    if alone(text, span.start, span.end):
        if word.islower():  # most words of prose: nothing around them to read
            return word.isalpha() and _after_sql_keyword(text, span.start, word)
        found: tuple[str, int] | None = (word, 0)
    else:
        found = _chunk(text, span.start, span.end)
    if found is None or _PLACEHOLDER.match(found[0]):
        return True
    chunk, start = _trim(*found)
    if chunk.isalpha() and (chunk.isupper() or chunk[1:].islower()):
        return chunk.islower() and _after_sql_keyword(text, span.start, word)
    # Of a hyphenated compound only the last part is the word (``LinkedIn-kampanjen``).
    head = word.rfind("-") + 1
    return is_technical(chunk, start + head, start + len(word)) or _after_sql_keyword(
        text, span.start, word
    )


def alone(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` stands between spaces, at most a comma or full stop
    after it: most words in prose, told apart without reading further."""
    if start and not text[start - 1].isspace():
        return False
    after = text[end : end + 2]
    return (
        not after
        or after[0].isspace()
        or (after[0] in _SENTENCE_MARKS and (len(after) == 1 or after[1].isspace()))
    )


def _chunk(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The run of non-space characters around ``text[start:end]`` and where the span starts
    in it; None when the run goes on for more than ``REACH`` characters on either side."""
    low = max(0, start - REACH - 1)
    before = text[low:start]
    head = "" if not before or before[-1].isspace() else before.rsplit(None, 1)[-1]
    after = text[end : end + REACH + 1]
    tail = "" if not after or after[0].isspace() else after.split(None, 1)[0]
    if len(head) > REACH or len(tail) > REACH:
        return None
    return head + text[start:end] + tail, len(head)


def _trim(chunk: str, start: int) -> tuple[str, int]:
    """The chunk without the quotes, brackets and punctuation around it, and the span's new
    start; a closing bracket stays when it closes one inside (``calcBudget()``)."""
    stripped = chunk.lstrip(_OPENING)
    start -= len(chunk) - len(stripped)
    while stripped:
        last = stripped[-1]
        if last in _CLOSING or (
            last in _PAIRS and stripped.count(last) > stripped.count(_PAIRS[last])
        ):
            stripped = stripped[:-1]
        else:
            break
    return stripped, max(0, start)


def is_technical(chunk: str, start: int, end: int) -> bool:
    """True when the trimmed chunk is an address, path, git branch, command-line option, file
    name, ticket key, handle or query, or the identifier around ``chunk[start:end]`` is code."""
    return (
        _HANDLE.match(chunk) is not None
        or _TICKET_KEY.fullmatch(chunk) is not None
        or _ISSUE_REF.fullmatch(chunk) is not None
        or _PATH.match(chunk) is not None
        or _OPTION.match(chunk) is not None
        or _BRANCH.match(chunk) is not None
        or _QUERY.search(chunk) is not None
        or is_web_address(chunk)
        or is_file_name(chunk)
        or is_code(chunk, start, end)
    )


def is_web_address(chunk: str) -> bool:
    """True when the chunk starts with a host name that ends in a public suffix (``acme.se``,
    ``notion.so/x``, ``brightfold-agency.co.uk/campaigns``), written in lower case where
    the suffix is (``budgeten.Nu`` is two sentences)."""
    cut = _HOST_END.search(chunk)
    host = chunk[: cut.start()] if cut else chunk
    labels = host.split(".")
    if len(labels) < 2 or not labels[-1].islower():
        return False
    if not all(_LABEL.fullmatch(label) for label in labels):
        return False
    return _suffixes().privatesuffix(host) is not None


def is_file_name(chunk: str) -> bool:
    """True when the chunk (or its last path segment) is a file name with a known extension
    (``leads-export_2025-12-04.csv``, ``docs/budget.md``), the extension in one case."""
    name = chunk.rsplit("/", 1)[-1]
    match = _FILE_NAME.fullmatch(name)
    if match is None:
        return False
    extension = match.group(1)
    if extension not in (extension.lower(), extension.upper()):
        return False
    return extension.lower() in _extensions()


def is_code(chunk: str, start: int, end: int) -> bool:
    """True when the identifier around ``chunk[start:end]`` is code: snake_case, camelCase or
    PascalCase with two humps, a dotted chain (``opportunity.children``), or a call with
    empty or code-like arguments (``budget()``, not ``budget(s)``)."""
    left = _CODE_RUN.match(chunk[:start][::-1])
    right = _CODE_RUN.match(chunk, end)
    if left is None or right is None:
        return False
    word = (left.group()[::-1] + chunk[start : right.end()]).strip(".")
    if _SNAKE.search(word) or _DOTTED.fullmatch(word):
        return True
    return _CAMEL.search(word) is not None or _is_call(chunk[right.end() :])


def _is_call(rest: str) -> bool:
    """True when what follows an identifier is an argument list that reads as code."""
    if not rest.startswith("(") or ")" not in rest:
        return False
    arguments = rest[1 : rest.index(")")]
    return not arguments or any(mark in _ARGUMENT_MARKS for mark in arguments)


def _after_sql_keyword(text: str, start: int, word: str) -> bool:
    """True when a lower-case word follows an upper-case SQL keyword that names a table,
    column or alias (``FROM opportunity``, ``AS pipeline``): a statement pasted into prose,
    not a shouted sentence."""
    before = text[max(0, start - 12) : start]
    if before.islower() or not word.islower():
        return False
    words = before.split()
    return bool(words) and words[-1] in _SQL_BEFORE_NAME


@cache
def _suffixes() -> PublicSuffixList:
    """The Public Suffix List snapshot the package ships (ICANN part: real top-level
    domains; an unknown last label is not a suffix), read on first use."""
    return PublicSuffixList(only_icann=True, accept_unknown=False, accept_encoded_idn=False)


@cache
def _extensions() -> frozenset[str]:
    """File extensions of two or more characters: the standard library's built-in table
    (not the machine's mime.types: the same everywhere) and the usual source and office ones."""
    table = mimetypes.MimeTypes()
    listed = {*table.types_map[True], *table.types_map[False]}
    return frozenset(ext[1:].lower() for ext in listed if len(ext) > 2) | _MORE_EXTENSIONS
