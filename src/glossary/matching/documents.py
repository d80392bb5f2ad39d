"""Plain, Markdown and HTML → the text the matcher scans, offsets back, and in-document directives.

The scanned text keeps the original's length and offsets wherever it can: what is not
checked (code, URLs, tags, comments, front matter) becomes spaces, line breaks kept. Only
decoded entities, inline tags inside a word, invisible characters inside a word and NFC
normalisation change lengths; each stage that does records a `_Shift` to map offsets back.
"""

from __future__ import annotations

import html
import re
import tomllib
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from html.entities import html5
from typing import Generic, Literal, TypeVar

import yaml

__all__ = ["Directive", "Document", "Format", "parse_document"]

Format = Literal["plain", "markdown", "html"]
DirectiveKind = Literal["disable", "enable", "disable-next-line", "sense"]

_V = TypeVar("_V")
#: Replace ``source[start:end]`` by a replacement: ``(start, end, replacement)``.
_Edit = tuple[int, int, str]
_Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Directive:
    """A ``<!-- glossary… -->`` comment: switch terms off or on, or state what they mean."""

    kind: DirectiveKind
    offset: int
    line: int
    terms: tuple[str, ...] = ()
    senses: Mapping[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Offsets: a stage that changes lengths records where, as parallel sorted columns for bisect.


@dataclass(frozen=True, slots=True)
class _Shift:
    """Where one stage replaced text by text of another length (output and input offsets)."""

    text_starts: list[int] = field(default_factory=list)
    text_ends: list[int] = field(default_factory=list)
    original_starts: list[int] = field(default_factory=list)
    original_ends: list[int] = field(default_factory=list)

    def add(self, text_start: int, text_end: int, start: int, end: int) -> None:
        """Record that output[text_start:text_end] replaced input[start:end]."""
        self.text_starts.append(text_start)
        self.text_ends.append(text_end)
        self.original_starts.append(start)
        self.original_ends.append(end)

    def to_original(self, index: int) -> int:
        """The input offset of an output index; inside a replacement, the replaced start."""
        k = bisect_right(self.text_starts, index) - 1
        if k < 0:
            return index
        if index < self.text_ends[k]:
            return self.original_starts[k]
        return index - self.text_ends[k] + self.original_ends[k]

    def to_text(self, offset: int) -> int:
        """The output index of an input offset; inside a replaced run, the replacement's start."""
        k = bisect_right(self.original_starts, offset) - 1
        if k < 0:
            return offset
        if offset < self.original_ends[k]:
            return self.text_starts[k]
        return offset - self.original_ends[k] + self.text_ends[k]


def _rebuild(source: str, edits: Iterable[_Edit]) -> tuple[str, _Shift | None]:
    """Apply sorted, disjoint edits; a shift records every edit that changed the length."""
    pieces: list[str] = []
    shift = _Shift()
    done = delta = 0
    for start, end, replacement in edits:
        pieces += (source[done:start], replacement)
        if len(replacement) != end - start:
            shift.add(start + delta, start + delta + len(replacement), start, end)
            delta += len(replacement) - (end - start)
        done = end
    if not pieces:
        return source, None
    pieces.append(source[done:])
    return "".join(pieces), shift if shift.text_starts else None


_LINE_CONTENT = re.compile(r"[^\r\n]+")


def _spaces(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _blank(chunk: str) -> str:
    """Spaces for every character but line breaks, so lines and offsets stay put."""
    if "\n" not in chunk and "\r" not in chunk:
        return " " * len(chunk)
    return _LINE_CONTENT.sub(_spaces, chunk)


def _merge(primary: list[_Edit], extra: Iterable[_Edit]) -> list[_Edit]:
    """The primary edits plus the extra edits that overlap none of them, in order."""
    starts = [start for start, _, _ in primary]
    ends = [end for _, end, _ in primary]
    kept = [edit for edit in extra if not _overlaps(starts, ends, edit)]
    return sorted(primary + kept) if kept else primary


def _overlaps(starts: list[int], ends: list[int], edit: _Edit) -> bool:
    k = bisect_right(starts, edit[0])
    return (k > 0 and ends[k - 1] > edit[0]) or (k < len(starts) and starts[k] < edit[1])


# ---------------------------------------------------------------------------------------------
# Patterns. Each scanning pattern starts with a literal (or a set of literal alternatives), so
# the regex engine skips in C to the few places worth a look; possessive and bounded parts
# keep hostile input linear.

_COMMENT_END = re.compile(r"--!?>")
_INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font", "i", "ins"}
    | {"kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u"}
    | {"var", "wbr"}
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "noscript"})
_SKIPPED = _RAW_TEXT | {"pre", "code", "template"}
_INLINE_RUN = re.compile(
    r"(?:</?(?i:" + "|".join(sorted(_INLINE_TAGS, key=len, reverse=True)) + r")(?=[\s/>])"
    r"(?:\"[^\"\r\n]*+\"|'[^'\r\n]*+'|[^\"'>\r\n])*+>)+"
)
_HTML_BLOCKS = frozenset({"pre", "script", "style", "textarea"})  # CommonMark's blocks of kind 1
_END_TAGS = {name: re.compile(r"</(?i:" + name + r")(?=[\t\n\f\r />]|\Z)") for name in _SKIPPED}
_ELEMENT_TAGS = {
    name: re.compile(r"<(/?)(?i:" + name + r")(?=[\t\n\f\r />]|\Z)") for name in _SKIPPED
}

_ADDRESSES = (
    r"|h(?P<url>ttps?://[^\s<>\"`]*+)"
    r"|w(?P<www>ww\.[^\s<>\"`]*+)"
    r"|@(?P<email>[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)+)"
)
_HTML_SCAN = re.compile(
    r"<(?:(?P<comment>!--)"
    r"|(?P<tag>(?P<close>/)?(?P<name>[A-Za-z][^\t\n\f\r />]*+)"
    r"(?:=[\t\n\f\r ]*+(?:\"[^\"]*+\"?|'[^']*+'?)|[^>])*+(?:>|\Z))"
    r"|(?P<other>[!?/][^>]*+(?:>|\Z)))" + _ADDRESSES
)
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,8}+|#[xX][0-9a-fA-F]{1,7}+|[A-Za-z][A-Za-z0-9]{0,31}+);?")
_MD_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")

_MD_ATTRIBUTE = (
    r"(?:\s++[A-Za-z_:][A-Za-z0-9_.:-]*+"
    r"(?:\s*+=\s*+(?:[^\s\"'=<>`]++|'[^'<]*+'|\"[^\"<]*+\"))?+)"
)
_MD_ANGLE = (
    r"<(?:(?P<comment>!--)"
    r"|(?P<auto>[A-Za-z][A-Za-z0-9+.-]{1,31}+:[^\s<>]{0,2048}+>|[^\s<>@]{1,64}+@[^\s<>@]{1,255}+>)"
    r"|(?P<tag>(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*+)" + _MD_ATTRIBUTE + r"*+\s*+/?>)"
    r"|(?P<other>[!?][^<>]{0,1024}+>))"
)
_MD_FENCE = (
    r"(?P<fence>(?:[ \t]*+(?:>|(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t])))*[ \t]*+"
    r"(?P<fchars>`{3,}+|~{3,}+)(?P<info>[^\n]*+))"
)
_MD_INDENTED = r"(?P<code>)(?=(?:[ \t]*+\r?\n)*+(?: {4}| {0,3}\t)[ \t]*+\S)"
_MD_TITLE = r"(?:\"[^\"\n]*+\"|'[^'\n]*+'|\([^()\n]*+\))"
_MD_REFERENCE = (
    r"(?P<reference>(?:[ ]{0,3}>)*+[ ]{0,3}\[(?!\^)(?:[^\[\]\\\n]|\\.){1,999}+\]:"
    r"[ \t]*+(?:\r?\n[ \t]*+)?(?:<[^<>\n]*+>|[^\s<>]++)"
    r"(?:(?:[ \t]++|[ \t]*+\r?\n[ \t]*+)" + _MD_TITLE + r")?[ \t]*+(?=\r?\n|\Z))"
)
_MD_LINK = (
    r"\](?:(?P<target>\([ \t]*+(?:\r?\n[ \t]*+)?"
    r"(?:<[^<>\n]*+>|(?:[^\s()\\<]|\\.|\((?:[^\s()\\]|\\.)*+\))*+)"
    r"(?:(?:[ \t]++|[ \t]*+\r?\n[ \t]*+)" + _MD_TITLE + r")?[ \t]*+(?:\r?\n[ \t]*+)?\))"
    r"|(?P<label>\[(?:[^\[\]\\\n]|\\.){1,999}+\]))"
)
# A one-backtick code span closed in its paragraph, found without a round trip to Python.
_MD_SPAN = r"|`(?<!\\`)(?!`)(?P<span>[^`\n]*+(?:\n(?![ \t]*+\r?\n)[^`\n]*+)*+`(?!`))"
_MD_SCAN = re.compile(
    r"\n(?:"
    + _MD_FENCE
    + "|"
    + _MD_REFERENCE
    + r"|[ \t]*+\r?\n"
    + _MD_INDENTED
    + ")"
    + _MD_SPAN
    + r"|`(?P<ticks>`*+)|"
    + _MD_ANGLE
    + "|"
    + _MD_LINK
    + _ADDRESSES
    + r"|_(?P<underscores>(?<!\w_)_*+|_*+(?![^\W_]))"
)
_MD_FIRST_LINE = re.compile(_MD_FENCE + "|" + _MD_REFERENCE + "|" + _MD_INDENTED)
_INDENTED_BODY = re.compile(r"(?:(?: {4}| {0,3}\t)[^\n]*+(?:\n|\Z)|[ \t]*+\r?\n)*+")
_LIST_ITEM = re.compile(r"(?P<lead>[ ]{0,3})(?P<marker>[-*+]|[0-9]{1,9}[.)])(?P<gap>[ \t]*)")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*+\r?\n")
_BLANK_LINES = re.compile(r"(?:[ \t]*+\r?\n)*+")
_LOOKBACK_LINES = 200

#: libyaml's loader where PyYAML was built with it: front matter is read in every document.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\ufeff?(?:(?P<yaml>---)|\+\+\+)[ \t]*+\r?\n")
_YAML_END = re.compile(r"\n(?:---|\.\.\.)[ \t]*+\r?(?=\n|\Z)")
_TOML_END = re.compile(r"\n\+\+\+[ \t]*+\r?(?=\n|\Z)")

_URL_TRAILING = frozenset(".,:;!?'\"*_~")
_EMAIL_LOCAL = re.compile(r"[\w.+%-]+\Z")
_INVISIBLE_CHARS = "\u00ad\u200b\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")
_SHORT_RUN = 3
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")

_GLOSSARY_COMMENT = re.compile(r"\s*glossary", re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"\s*glossary\s*(?:(?P<kind>-\s*disable\s*-\s*next\s*-\s*line|-\s*disable|-\s*enable)"
    r"(?=\s|\Z)|(?P<sense>:))(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_DESCRIPTION = re.compile(r"(?:^|\s)--(?:\s|$)")
_TERM_ID = re.compile(r"[^\s,]+")
_SENSE_PAIR = re.compile(r"([^\s,=]+)\s*=\s*([^\s,=]+)")
_KINDS: dict[str, DirectiveKind] = {
    "disable": "disable",
    "enable": "enable",
    "disablenextline": "disable-next-line",
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"\w")
_EVERY = "*"  # key for directives that name no term; never a term id


# ---------------------------------------------------------------------------------------------
# The structural scan: one pass in document order, so code hides comments and vice versa.


def _element_end(text: str, name: str, pos: int) -> int:
    """HTML: the end of the element whose start tag ends at pos (after its end tag, nested
    elements counted), or the text's end, where browsers close it."""
    depth = 1
    for tag in _ELEMENT_TAGS[name].finditer(text, pos):
        if tag.group(1):
            depth -= 1
        elif name not in _RAW_TEXT:
            depth += 1
        if depth == 0:
            close = text.find(">", tag.end())
            return len(text) if close < 0 else close + 1
    return len(text)


@cache
def _fence_closer(fence: str) -> re.Pattern[str]:
    """The closing line of a fence: the same character, at least as many, nothing after."""
    run = f"{re.escape(fence[0])}{{{len(fence)},}}"
    return re.compile(r"\n[ \t>]*+" + run + r"[ \t]*+\r?(?=\n|\Z)")


def _match_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where a pattern that may match nothing ends when matched at pos."""
    match = pattern.match(text, pos)
    return match.end() if match else pos


def _starts_line(text: str, index: int) -> bool:
    """Whether only up to three spaces stand between a line's start and index."""
    head = text[max(0, index - 4) : index]
    cut = max(head.rfind("\n"), head.rfind("\r"))
    return (cut >= 0 or index <= 3) and not head[cut + 1 :].strip(" ")


def _indent_width(line: str) -> int:
    return len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))


def _line_before(text: str, end: int) -> tuple[int, str]:
    """The start and content of the line that ends at the line break at ``end``."""
    start = text.rfind("\n", 0, end) + 1
    return start, text[start:end].rstrip("\r")


def _continues_list(text: str, block: int, indent: int) -> bool:
    """Whether an indented block after a blank line continues a list item, rather than code.

    Walks up to the list item that holds everything in between (each line indented at least
    to its content); a paragraph that starts in column 0 on the way means there is none.
    """
    end, floor = block - 1, indent
    for _ in range(_LOOKBACK_LINES):
        if end < 0:
            return False
        start, line = _line_before(text, end)
        end, width = start - 1, _indent_width(line)
        if not line.strip() or width >= 4:
            continue
        if item := _LIST_ITEM.match(line):
            gap = _indent_width(item.group()) - _indent_width(item["lead"] + item["marker"])
            content = _indent_width(item["lead"] + item["marker"]) + (gap if 0 < gap <= 4 else 1)
            if floor >= content:
                return indent < content + 4
        elif width:
            floor = min(floor, width)
        elif end < 0 or not _line_before(text, end)[1].strip() or line.startswith("#"):
            return False
    return False


class _Scan:
    """Walks the markup of one text in order, collecting edits and comments."""

    def __init__(self, text: str, *, markdown: bool = False) -> None:
        self.text = text
        self.markdown = markdown
        self.edits: list[_Edit] = []
        self.comments: list[tuple[int, str]] = []
        self.audience: tuple[str, ...] | None = None
        self._paragraph = -1  # the end of the paragraph last looked at
        self._runs: dict[int, list[int]] = {}  # its backtick runs, see _backtick_runs
        self._runs_end = -1
        self._no_end_tag: dict[str, int] = {}  # name -> no end tag before this offset
        self._handlers: dict[str | None, Callable[[re.Match[str]], int]] = {
            "tag": self._tag,
            "comment": self._comment,
            "ticks": self._code_span,
            "fence": self._fence,
            "code": self._indented,
            "target": self._group,
            "label": self._group,
            "reference": self._group,
            "url": self._url,
            "www": self._url,
            "email": self._email,
        }

    def blank(self, start: int, end: int) -> int:
        """Leave text[start:end] unchecked; return end."""
        chunk = self.text[start:end]
        plain = "\n" not in chunk and "\r" not in chunk
        self.edits.append((start, end, " " * (end - start) if plain else _blank(chunk)))
        return end

    def visit(self, match: re.Match[str]) -> int:
        """Handle one construct a scanning pattern found; return where scanning resumes."""
        handler = self._handlers.get(match.lastgroup)
        return handler(match) if handler else self.blank(match.start(), match.end())

    def decode(self, entity: re.Pattern[str], *, strict: bool) -> None:
        """Add the entities outside masked markup, decoded, to the edits."""
        if "&" in self.text:
            self.edits = _merge(self.edits, _entity_edits(self.text, entity, strict=strict))

    def _comment(self, match: re.Match[str]) -> int:
        text, start, body = self.text, match.start(), match.start() + 4
        if text.startswith((">", "->"), body):  # <!--> and <!--->: empty comments
            return self.blank(start, text.index(">", body) + 1)
        close = _COMMENT_END.search(text, body)
        if close is None:
            return self.blank(start, len(text))
        self.comments.append((start, text[body : close.start()]))
        return self.blank(start, close.end())

    def _tag(self, match: re.Match[str]) -> int:
        start, end, name = match.start(), match.end(), match["name"].lower()
        if name in _SKIPPED and not match["close"]:
            if not self.markdown:
                return self.blank(start, _element_end(self.text, name, end))
            return self.blank(start, self._markdown_element_end(name, start, end))
        if name in _INLINE_TAGS and start and self.text[start - 1].isalnum():
            return self._inline_tags(start, end)
        return self.blank(start, end)

    def _markdown_element_end(self, name: str, start: int, end: int) -> int:
        """Markdown: to the end tag (or the text's end) for a ``<pre>``-like block at a line's
        start; elsewhere to the end tag within the paragraph, or just the tag without one."""
        block = name in _HTML_BLOCKS and _starts_line(self.text, start)
        limit = len(self.text) if block else self._paragraph_end(end)
        if self._no_end_tag.get(name, -1) < limit:
            close = _END_TAGS[name].search(self.text, end, limit)
            if close is not None:
                after = self.text.find(">", close.end())
                return len(self.text) if after < 0 else after + 1
            self._no_end_tag[name] = limit
        return limit if block else end

    def _inline_tags(self, start: int, end: int) -> int:
        """Inline tags inside a word (``bud<b>get</b>``) vanish, so the word stays whole."""
        run = _INLINE_RUN.match(self.text, start)
        if run is None or run.end() >= len(self.text) or not self.text[run.end()].isalnum():
            return self.blank(start, end)
        self.edits.append((start, run.end(), ""))
        return run.end()

    def _fence(self, match: re.Match[str]) -> int:
        fence = match["fchars"]
        if fence[0] == "`" and "`" in match["info"]:
            return match.start("fchars")  # not a fence: the backticks open a code span
        close = _fence_closer(fence).search(self.text, match.end())
        return self.blank(match.start("fchars"), close.end() if close else len(self.text))

    def _indented(self, match: re.Match[str]) -> int:
        text = self.text
        start = _match_end(_BLANK_LINES, text, match.start("code"))
        if _continues_list(text, start, _indent_width(text[start : start + 40])):
            return max(start - 1, match.start() + 1)
        end = self.blank(start, _match_end(_INDENTED_BODY, text, start))
        return end - 1 if text[end - 1] == "\n" else end  # its line break starts the next line

    def _code_span(self, match: re.Match[str]) -> int:
        start, end = match.span()
        if start and self.text[start - 1] == "\\":
            return start + 1
        starts = self._backtick_runs(end).get(end - start, [])
        k = bisect_left(starts, end)
        return self.blank(start, starts[k] + end - start) if k < len(starts) else end

    def _group(self, match: re.Match[str]) -> int:
        """Only the named part: a link's target and title, a reference label or definition."""
        return self.blank(*match.span(match.lastgroup or 0))

    def _url(self, match: re.Match[str]) -> int:
        start, text = match.start(), self.text
        if start and (text[start - 1].isalnum() or text[start - 1] in "@./:"):
            return start + 1
        return self.blank(start, _url_end(text, start, match.end()))

    def _email(self, match: re.Match[str]) -> int:
        at, floor = match.start(), self.edits[-1][1] if self.edits else 0
        local = _EMAIL_LOCAL.search(self.text, max(floor, at - 64), at)
        return self.blank(local.start(), match.end()) if local else at + 1

    def _backtick_runs(self, pos: int) -> dict[int, list[int]]:
        """Starts of the backtick runs from pos to the paragraph's end, by run length.

        One index per paragraph keeps unclosed spans of many lengths linear, not quadratic.
        """
        if pos > self._runs_end:
            self._runs_end, self._runs = self._paragraph_end(pos), {}
            for run in _BACKTICKS.finditer(self.text, pos, self._runs_end):
                self._runs.setdefault(run.end() - run.start(), []).append(run.start())
        return self._runs

    def _paragraph_end(self, pos: int) -> int:
        """The next blank line (or the text's end) at or after pos."""
        if pos > self._paragraph:
            blank = _BLANK_LINE.search(self.text, pos)
            self._paragraph = blank.start() if blank else len(self.text)
        return self._paragraph

    def front_matter(self) -> int:
        """Mask YAML (``---``) or TOML (``+++``) front matter, reading its audience; its end."""
        opening = _FRONT_MATTER.match(self.text)
        if opening is None:
            return 0
        closer = _YAML_END if opening["yaml"] else _TOML_END
        close = closer.search(self.text, opening.end() - 1)
        if close is None:
            return 0
        body = self.text[opening.end() : close.start() + 1]
        self.audience = _audience(body, toml=not opening["yaml"])
        return self.blank(0, close.end())


def _entity_edits(text: str, entity: re.Pattern[str], *, strict: bool) -> Iterator[_Edit]:
    """Character references, decoded as HTML does; a common tail stays out of the edit.

    Strict (Markdown) decodes only complete references: ``&notit;`` stays, where HTML reads
    ``&not`` followed by ``it;``.
    """
    for match in entity.finditer(text):
        source, decoded = match.group(), html.unescape(match.group())
        if decoded == source or (strict and source[1] != "#" and source[1:] not in html5):
            continue
        yield _tight(match.start(), source, decoded.replace("\r", " ").replace("\n", " "))


def _tight(start: int, source: str, replacement: str) -> _Edit:
    """The edit replacing source (at start) by replacement, less the head and tail they share.

    Small edits keep offsets exact: a word that ends where a replacement's shared tail
    begins maps back to its real end, not to the replacement's start.
    """
    head, shortest = 0, min(len(source), len(replacement))
    while head < shortest and source[head] == replacement[head]:
        head += 1
    tail = 0
    while tail < shortest - head and source[-1 - tail] == replacement[-1 - tail]:
        tail += 1
    return start + head, start + len(source) - tail, replacement[head : len(replacement) - tail]


def _plain(text: str) -> _Scan:
    """Plain text: only glossary comments are read (and masked)."""
    scan = _Scan(text)
    pos = 0
    while (start := text.find("<!--", pos)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        content = text[start + 4 : end]
        if _GLOSSARY_COMMENT.match(content):
            scan.comments.append((start, content))
            scan.blank(start, end + 3)
        pos = end + 3
    return scan


def _markdown(text: str) -> _Scan:
    """Markdown: code, HTML markup, comments and front matter are masked; entities decoded."""
    scan = _Scan(text, markdown=True)
    pos = scan.front_matter()
    if pos == 0 and (first := _MD_FIRST_LINE.match(text)):
        pos = scan.visit(first)
    while (match := _MD_SCAN.search(text, pos)) is not None:
        pos = scan.visit(match)
    scan.decode(_MD_ENTITY, strict=True)
    return scan


def _html(text: str) -> _Scan:
    """HTML: only text content is checked; entities in it are decoded."""
    scan = _Scan(text)
    pos = 0
    while (match := _HTML_SCAN.search(text, pos)) is not None:
        pos = scan.visit(match)
    scan.decode(_HTML_ENTITY, strict=False)
    return scan


_STRUCTURE = {"plain": _plain, "markdown": _markdown, "html": _html}


# ---------------------------------------------------------------------------------------------
# Front matter audience.


def _audience(body: str, *, toml: bool) -> tuple[str, ...] | None:
    """``glossary: {audience: [...]}`` from front matter; None when absent or unreadable."""
    if "glossary" not in body:
        return None
    try:
        data = tomllib.loads(body) if toml else yaml.load(body, Loader=_YAML_LOADER)
    except Exception:  # front matter is the writer's; malformed just means no audience
        return None
    settings = data.get("glossary") if isinstance(data, dict) else None
    value = settings.get("audience") if isinstance(settings, dict) else None
    if isinstance(value, str):
        value = _TERM_ID.findall(value)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    audience = tuple(dict.fromkeys(item.strip().lower() for item in value if item.strip()))
    return audience or None


def _url_end(text: str, start: int, end: int) -> int:
    """Where a bare URL really ends: not at closing punctuation or an unbalanced parenthesis."""
    # Counted once, then kept up to date: counting again per character is quadratic.
    opening, closing = text.count("(", start, end), text.count(")", start, end)
    while end > start:
        last = text[end - 1]
        if last == ")" and opening < closing:
            closing -= 1
        elif last not in _URL_TRAILING:
            break
        end -= 1
    return end


# ---------------------------------------------------------------------------------------------
# Length-changing clean-ups of the scanned text.


def _join_words(text: str) -> tuple[str, _Shift | None]:
    """Drop soft hyphens and zero-width spaces inside words, which would split them."""
    # One C-speed substring test per character: far faster than a regex over the text.
    if not any(char in text for char in _INVISIBLE_CHARS):
        return text, None
    edits = (
        (m.start(), m.end(), "")
        for m in _INVISIBLE.finditer(text)
        if m.start() and m.end() < len(text)
        if text[m.start() - 1].isalnum() and text[m.end()].isalnum()
    )
    return _rebuild(text, edits)


def _normalize(text: str) -> tuple[str, _Shift | None]:
    """NFC, with a shift for each cluster that changed length."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text, None
    # NFC never combines across an ASCII character, so each non-ASCII run (with the one
    # ASCII character before it, which may take a combining mark) normalises on its own.
    edits: list[_Edit] = []
    for run in _NON_ASCII_RUN.finditer(text):
        start = max(run.start() - 1, 0)
        chunk = text[start : run.end()]
        if not unicodedata.is_normalized("NFC", chunk):
            edits.extend(_run_edits(chunk, start))
    return _rebuild(text, edits)


def _run_edits(run: str, start: int) -> Iterator[_Edit]:
    """One edit for a short run (the usual ``a`` + ring above), else one per cluster."""
    if len(run) <= _SHORT_RUN:
        yield _tight(start, run, unicodedata.normalize("NFC", run))
    else:
        yield from _cluster_edits(run, start)


def _cluster_edits(run: str, base: int) -> Iterator[_Edit]:
    """NFC edits for the smallest pieces of a run that normalise independently."""
    pieces = _starter_pieces(run)
    start, current = 0, pieces[0]
    for piece in pieces[1:]:
        joined = current + piece
        if unicodedata.normalize("NFC", joined) == (
            unicodedata.normalize("NFC", current) + unicodedata.normalize("NFC", piece)
        ):
            yield from _nfc_edit(current, base + start)
            start, current = start + len(current), piece
        else:
            current = joined
    yield from _nfc_edit(current, base + start)


def _starter_pieces(run: str) -> list[str]:
    """The run cut before every starter (a character of combining class 0)."""
    pieces: list[str] = []
    for char in run:
        if pieces and unicodedata.combining(char):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def _nfc_edit(piece: str, start: int) -> Iterator[_Edit]:
    normalized = unicodedata.normalize("NFC", piece)
    if normalized != piece:
        yield _tight(start, piece, normalized)


# ---------------------------------------------------------------------------------------------
# Directives and the indexes that answer is_suppressed and sense.


def _directives(original: str, comments: list[tuple[int, str]]) -> tuple[Directive, ...]:
    """The glossary directives among the comments, with their lines."""
    found: list[Directive] = []
    line, done = 1, 0
    for offset, content in comments:
        parsed = _DIRECTIVE.match(content)
        if parsed is None:
            continue
        line += _count_breaks(original, done, offset)
        done = offset
        if directive := _directive(parsed, offset, line):
            found.append(directive)
    return tuple(found)


def _count_breaks(text: str, start: int, end: int) -> int:
    crlf = text.count("\r\n", start, end)
    return text.count("\n", start, end) + text.count("\r", start, end) - crlf


def _directive(parsed: re.Match[str], offset: int, line: int) -> Directive | None:
    rest = _DESCRIPTION.split(parsed["rest"], maxsplit=1)[0]
    if parsed["sense"]:
        senses = {t.lower(): d.lower() for t, d in _SENSE_PAIR.findall(rest)}
        return Directive("sense", offset, line, tuple(senses), senses) if senses else None
    kind = _KINDS[re.sub(r"[\s-]", "", parsed["kind"]).lower()]
    terms = tuple(dict.fromkeys(term.lower() for term in _TERM_ID.findall(rest)))
    return Directive(kind, offset, line, terms)


@dataclass(frozen=True, slots=True)
class _Timeline(Generic[_V]):
    """Values that take effect at offsets, in order; each holds until the next."""

    offsets: list[int] = field(default_factory=list)
    values: list[_V] = field(default_factory=list)

    def add(self, offset: int, value: _V) -> None:
        self.offsets.append(offset)
        self.values.append(value)

    def last(self, offset: int) -> tuple[int, _V] | None:
        """The latest (offset, value) at or before offset."""
        k = bisect_right(self.offsets, offset)
        return (self.offsets[k - 1], self.values[k - 1]) if k else None


@dataclass(frozen=True, slots=True)
class _Ranges:
    """Half-open ranges sorted by start; ``reach[k]`` is the furthest end among the first k+1."""

    starts: list[int]
    reach: list[int]

    def cover(self, offset: int) -> bool:
        k = bisect_right(self.starts, offset)
        return k > 0 and self.reach[k - 1] > offset


def _ranges(spans: Iterable[_Span]) -> _Ranges:
    ordered = sorted(spans)
    reach: list[int] = []
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)
    return _Ranges([start for start, _ in ordered], reach)


@dataclass(frozen=True, slots=True)
class _Rules:
    """The directives by term id, `_EVERY` standing for those that name no term."""

    switches: dict[str, _Timeline[bool]]  # True: disabled from there on
    skips: dict[str, _Ranges]  # what disable-next-line directives cover
    senses: dict[str, _Timeline[str]]

    def suppressed(self, term_id: str, offset: int) -> bool:
        timelines = (self.switches.get(term_id), self.switches.get(_EVERY))
        latest = max((e for t in timelines if t and (e := t.last(offset))), default=None)
        if latest is not None and latest[1]:
            return True
        return any(r.cover(offset) for r in (self.skips.get(term_id), self.skips.get(_EVERY)) if r)


def _rules(directives: tuple[Directive, ...], next_lines: dict[int, _Span]) -> _Rules:
    """Index the directives; ``next_lines`` holds the range each next-line directive covers."""
    switches: dict[str, _Timeline[bool]] = {}
    skips: dict[str, list[_Span]] = {}
    senses: dict[str, _Timeline[str]] = {}
    for d in directives:
        if d.kind == "sense":
            for term, department in d.senses.items():
                senses.setdefault(term, _Timeline()).add(d.offset, department)
        elif d.kind == "disable-next-line" and d.offset in next_lines:
            for term in d.terms or (_EVERY,):
                skips.setdefault(term, []).append(next_lines[d.offset])
        else:
            for term in d.terms or (_EVERY,):
                switches.setdefault(term, _Timeline()).add(d.offset, d.kind == "disable")
    return _Rules(switches, {term: _ranges(s) for term, s in skips.items()}, senses)


# ---------------------------------------------------------------------------------------------
# The document.


@dataclass(frozen=True)
class Document:
    """A submitted text, the text the matcher scans, and how to get from one to the other."""

    original: str
    text: str
    directives: tuple[Directive, ...]
    audience: tuple[str, ...] | None
    _shifts: tuple[_Shift, ...] = field(default=(), repr=False, compare=False)
    #: (offset, line, line start) of the last position asked for.
    _cursor: list[int] = field(default_factory=lambda: [0, 1, 0], repr=False, compare=False)

    def original_offset(self, index: int) -> int:
        """The offset in ``original`` of an index into ``text`` (``len(text)`` included)."""
        if not 0 <= index <= len(self.text):
            raise IndexError(f"text index {index} outside 0..{len(self.text)}")
        for shift in reversed(self._shifts):
            index = shift.to_original(index)
        return index

    def position(self, original_offset: int) -> tuple[int, int]:
        """1-based (line, column) of an original offset; columns count code points."""
        if not 0 <= original_offset <= len(self.original):
            raise IndexError(f"offset {original_offset} outside 0..{len(self.original)}")
        if self._has_cr:
            line = bisect_right(self._line_starts, original_offset)
            return line, original_offset - self._line_starts[line - 1] + 1
        # Only "\n" breaks lines: count them in C from the last position asked for (findings
        # come in text order), instead of listing every line start of the text; the line's
        # start is looked for back to there only, so one long line costs no more.
        at, line, start = self._cursor
        if original_offset < at:
            at, line, start = 0, 1, 0
        breaks = self.original.count("\n", at, original_offset)
        if breaks:
            line += breaks
            start = self.original.rfind("\n", at, original_offset) + 1
        self._cursor[:] = original_offset, line, start
        return line, original_offset - start + 1

    def is_suppressed(self, term_id: str, original_offset: int) -> bool:
        """Whether a disable or disable-next-line directive silences this term here."""
        return bool(self.directives) and self._rules.suppressed(term_id, original_offset)

    def sense(self, term_id: str, original_offset: int) -> str | None:
        """The department an earlier ``<!-- glossary: term=department -->`` chose, or None."""
        timeline = self._rules.senses.get(term_id) if self.directives else None
        chosen = timeline.last(original_offset) if timeline else None
        return chosen[1] if chosen else None

    @cached_property
    def _has_cr(self) -> bool:
        return "\r" in self.original

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(match.end() for match in _LINE_BREAK.finditer(self.original))]

    @cached_property
    def _rules(self) -> _Rules:
        return _rules(self.directives, self._next_lines())

    def _next_lines(self) -> dict[int, _Span]:
        """Per disable-next-line directive: from it to the end of the next line with a word."""
        covered: dict[int, _Span] = {}
        word: re.Match[str] | None = None
        for d in self.directives:
            if d.kind != "disable-next-line":
                continue
            index = self._text_offset(d.offset)
            if word is None or word.start() < index:  # else no word between: the same line
                word = _WORD.search(self.text, index)
            if word is None:
                break
            line = bisect_right(self._line_starts, self.original_offset(word.start()))
            end = self._line_starts[line] if line < len(self._line_starts) else len(self.original)
            covered[d.offset] = max(d.offset, self._line_starts[line - 1]), end
        return covered

    def _text_offset(self, original_offset: int) -> int:
        for shift in self._shifts:
            original_offset = shift.to_text(original_offset)
        return original_offset


def parse_document(text: str, fmt: Format = "plain") -> Document:
    """Turn a submitted text into the text to check, with offsets back and its directives."""
    if fmt not in _STRUCTURE:
        raise ValueError(f"unknown format {fmt!r}: expected plain, markdown or html")
    scan = _STRUCTURE[fmt](text)
    scanned, structure = _rebuild(text, scan.edits)
    scanned, joined = _join_words(scanned)
    scanned, normalized = _normalize(scanned)
    shifts = tuple(s for s in (structure, joined, normalized) if s is not None)
    directives = _directives(text, scan.comments)
    return Document(text, scanned, directives, scan.audience, shifts)
