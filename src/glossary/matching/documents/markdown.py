"""Markdown: code, HTML markup, link targets, comments and front matter are masked."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from glossary.matching.documents.frontmatter import front_matter
from glossary.matching.documents.markup import ADDRESSES, HTML_BLOCKS, SKIPPED, Scan

__all__ = ["scan_markdown"]

_MD_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_END_TAGS = {name: re.compile(r"</(?i:" + name + r")(?=[\t\n\f\r />]|\Z)") for name in SKIPPED}
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
    + ADDRESSES
    + r"|_(?P<underscores>(?<!\w_)_*+|_*+(?![^\W_]))"
)
_MD_FIRST_LINE = re.compile(_MD_FENCE + "|" + _MD_REFERENCE + "|" + _MD_INDENTED)
_INDENTED_BODY = re.compile(r"(?:(?: {4}| {0,3}\t)[^\n]*+(?:\n|\Z)|[ \t]*+\r?\n)*+")
_LIST_ITEM = re.compile(r"(?P<lead>[ ]{0,3})(?P<marker>[-*+]|[0-9]{1,9}[.)])(?P<gap>[ \t]*)")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*+\r?\n")
_BLANK_LINES = re.compile(r"(?:[ \t]*+\r?\n)*+")
_LOOKBACK_LINES = 200


def scan_markdown(text: str) -> Scan:
    """Markdown: code, HTML markup, comments and front matter are masked; entities decoded."""
    scan = _MarkdownScan(text)
    pos = scan.front_matter()
    if pos == 0 and (first := _MD_FIRST_LINE.match(text)):
        pos = scan.visit(first)
    while (match := _MD_SCAN.search(text, pos)) is not None:
        pos = scan.visit(match)
    scan.decode(_MD_ENTITY, strict=True)
    return scan


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


class _MarkdownScan(Scan):
    """The scan with Markdown's code, links, references and paragraphs."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._paragraph = -1  # the end of the paragraph last looked at
        self._runs: dict[int, list[int]] = {}  # its backtick runs, see _backtick_runs
        self._runs_end = -1
        self._no_end_tag: dict[str, int] = {}  # name -> no end tag before this offset
        self._handlers.update(
            ticks=self._code_span,
            fence=self._fence,
            code=self._indented,
            target=self._group,
            label=self._group,
            reference=self._group,
        )

    def front_matter(self) -> int:
        """Mask YAML (``---``) or TOML (``+++``) front matter, reading its audience; its end."""
        found = front_matter(self.text)
        if found is None:
            return 0
        self.audience = found.audience
        return self.blank(0, found.end)

    def skipped_end(self, name: str, start: int, end: int) -> int:
        """To the end tag (or the text's end) for a ``<pre>``-like block at a line's start;
        elsewhere to the end tag within the paragraph, or just the tag without one."""
        block = name in HTML_BLOCKS and _starts_line(self.text, start)
        limit = len(self.text) if block else self._paragraph_end(end)
        if self._no_end_tag.get(name, -1) < limit:
            close = _END_TAGS[name].search(self.text, end, limit)
            if close is not None:
                after = self.text.find(">", close.end())
                return len(self.text) if after < 0 else after + 1
            self._no_end_tag[name] = limit
        return limit if block else end

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
