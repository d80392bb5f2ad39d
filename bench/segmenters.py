"""Prototype segmenters on libraries, measured by ``bench.documents`` against our own.

``markdown_it`` reads Markdown with markdown-it-py (CommonMark, token line maps) and ``lxml``
reads HTML with lxml.html (elements with a source line, no columns). Each library decides
what is prose; offsets of masked constructs are recovered by searching the source in order.
What the libraries do not do is ours in both: front matter, bare URLs and e-mail addresses,
entity decoding with offsets, NFC and invisible characters, directives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from markdown_it import MarkdownIt

from glossary.matching.documents import Document, Format, parse_document
from glossary.matching.documents.cleanup import join_words, normalize
from glossary.matching.documents.directives import read_directives
from glossary.matching.documents.frontmatter import front_matter
from glossary.matching.documents.markup import ADDRESSES, SKIPPED, Scan
from glossary.matching.documents.offsets import Span, merge, rebuild

Parse = Callable[[str, Format], Document]
Comments = list[tuple[int, str]]

_MD = MarkdownIt("commonmark")
_ADDRESS = re.compile(ADDRESSES[1:])
_MD_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,8}+|#[xX][0-9a-fA-F]{1,7}+|[A-Za-z][A-Za-z0-9]{0,31}+);?")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_ENTITY_CHARS = frozenset("&<>\"'\u00a0")
_LEAVES = frozenset({"inline", "fence", "code_block", "html_block", "hr"})


def parse_with(fmt: Format, scan: Callable[[str], tuple[list[Span], Comments, Any]]) -> Parse:
    """A parse_document that uses scan for fmt and our own segmenter for the other formats."""

    def parse(text: str, given: Format = "plain") -> Document:
        if given != fmt:
            return parse_document(text, given)
        masked, comments, audience = scan(text)
        entity = _MD_ENTITY if fmt == "markdown" else _HTML_ENTITY
        return _document(text, masked, comments, audience, entity, strict=fmt == "markdown")

    return parse


def _document(
    text: str,
    masked: list[Span],
    comments: Comments,
    audience: tuple[str, ...] | None,
    entity: re.Pattern[str],
    *,
    strict: bool,
) -> Document:
    """The Document for masked spans: addresses and entities outside them, then our clean-ups."""
    scan = Scan(text)
    for start, end in _union(masked):
        scan.blank(start, end)
    scan.edits = merge(scan.edits, _addresses(text, scan.edits))
    scan.decode(entity, strict=strict)
    scanned, structure = rebuild(text, scan.edits)
    scanned, joined = join_words(scanned)
    scanned, normalized = normalize(scanned)
    shifts = tuple(s for s in (structure, joined, normalized) if s is not None)
    return Document(text, scanned, read_directives(text, comments), audience, shifts)


def _addresses(text: str, masked: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Bare URLs and e-mail addresses, as our scanner masks them."""
    scan = Scan(text)
    pos = 0
    while (match := _ADDRESS.search(text, pos)) is not None:
        pos = max(scan.visit(match), match.start() + 1)
    return scan.edits


def _union(spans: Iterable[Span]) -> Iterator[Span]:
    current: Span | None = None
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if current and start <= current[1]:
            current = current[0], max(current[1], end)
            continue
        if current:
            yield current
        current = start, end
    if current:
        yield current


# --------------------------------------------------------------------------- markdown-it-py


def markdown_it(text: str) -> tuple[list[Span], Comments, Any]:
    """Masked spans, comments and audience of Markdown read by markdown-it-py."""
    masked: list[Span] = []
    comments: Comments = []
    found = front_matter(text)
    source = text
    if found:
        masked.append((0, found.end))
        source = re.sub(r"[^\r\n]", " ", text[: found.end]) + text[found.end :]
    starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text)), len(text) + 1]
    covered = [False] * (len(starts) - 1)
    for token in _MD.parse(source):
        if token.type not in _LEAVES or token.map is None:
            continue
        first, last = token.map
        start, end = starts[first], min(starts[last], len(text))
        covered[first:last] = [True] * (last - first)
        if token.type == "inline":
            _inline(text, start, end, token.children or [], masked, comments)
        elif token.type == "html_block":
            _html_block(text, start, end, masked, comments)
        elif token.type != "hr":
            masked.append((start, end))
    for line, seen in enumerate(covered):  # reference definitions have no token
        if not seen and text[starts[line] : starts[line + 1] - 1].strip(" \t\r>"):
            masked.append((starts[line], min(starts[line + 1], len(text))))
    return masked, comments, found.audience if found else None


def _html_block(text: str, start: int, end: int, masked: list[Span], comments: Comments) -> None:
    """An HTML block in Markdown, read by the lxml prototype."""
    inner, found, _ = lxml_html(text[start:end])
    masked.extend((start + a, start + b) for a, b in inner)
    comments.extend((start + offset, body) for offset, body in found)


def _inline(
    text: str, start: int, end: int, children: list[Any], masked: list[Span], comments: Comments
) -> None:
    """Locate the masked inline tokens in the source, in order."""
    cursor = start
    skip_autolink = False
    for child in children:
        kind, markup = child.type, child.markup
        if skip_autolink:
            skip_autolink = kind != "link_close"
            continue
        if kind == "text" and (at := text.find(child.content, cursor, end)) >= 0:
            cursor = at + len(child.content)
        elif kind == "code_inline":
            cursor = _code(text, cursor, end, markup, masked)
        elif kind == "html_inline":
            cursor = _html_inline(text, cursor, end, child.content, masked, comments)
        elif kind in ("em_open", "em_close", "strong_open", "strong_close") and "_" in markup:
            cursor = _mark(text, cursor, end, markup, masked)
        elif kind == "link_open" and markup == "autolink":
            cursor, skip_autolink = _span(text, cursor, end, "<", ">", masked), True
        elif kind in ("link_close", "image"):
            cursor = _target(text, cursor, end, masked)


def _span(text: str, cursor: int, end: int, opening: str, closing: str, masked: list[Span]) -> int:
    """Mask from opening to the next closing (a code span, an autolink)."""
    at = text.find(opening, cursor, end)
    close = text.find(closing, at + len(opening), end) if at >= 0 else -1
    if close < 0:
        return cursor
    masked.append((at, close + len(closing)))
    return close + len(closing)


def _code(text: str, cursor: int, end: int, markup: str, masked: list[Span]) -> int:
    """Mask a code span: the first unescaped run of exactly its backticks, to the next."""
    run = re.compile(r"(?<![`\\])" + markup + "(?!`)")
    opening = run.search(text, cursor, end)
    closing = run.search(text, opening.end(), end) if opening else None
    if opening is None or closing is None:
        return cursor
    masked.append((opening.start(), closing.end()))
    return closing.end()


def _mark(text: str, cursor: int, end: int, markup: str, masked: list[Span]) -> int:
    """Mask one emphasis marker made of underscores."""
    at = text.find(markup, cursor, end)
    if at < 0:
        return cursor
    masked.append((at, at + len(markup)))
    return at + len(markup)


def _html_inline(
    text: str, cursor: int, end: int, content: str, masked: list[Span], comments: Comments
) -> int:
    at = text.find(content, cursor, end)
    if at < 0:
        return cursor
    masked.append((at, at + len(content)))
    if content.startswith("<!--"):
        comments.append((at, content[4:-3]))
    return at + len(content)


def _target(text: str, cursor: int, end: int, masked: list[Span]) -> int:
    """After a link's text: the ``(target "title")`` or ``[label]`` that follows ``]``."""
    at = text.find("]", cursor, end)
    if at < 0 or at + 1 >= end or text[at + 1] not in "([":
        return cursor if at < 0 else at + 1
    closing, depth, pos = ")" if text[at + 1] == "(" else "]", 0, at + 1
    while pos < end:
        char = text[pos]
        depth += char == text[at + 1]
        depth -= char == closing
        if depth == 0:
            masked.append((at + 1, pos + 1))
            return pos + 1
        pos += 1 + (char == "\\")
    return at + 1


# -------------------------------------------------------------------------------- lxml.html


def lxml_parse(text: str) -> Any:
    """The bare lxml.html parse: the tree, without finding anything in the source."""
    try:
        return etree.fromstring(text, etree.HTMLParser(recover=True)) if text.strip() else None
    except (ValueError, etree.XMLSyntaxError):
        return None


def lxml_html(text: str) -> tuple[list[Span], Comments, Any]:
    """Masked spans and comments of HTML read by lxml.html; offsets found by searching."""
    root = lxml_parse(text)
    if root is None:  # no element: nothing is prose, but comments count
        return [(0, len(text))], [(m.start(), m.group(1)) for m in _COMMENT.finditer(text)], None
    walk = _Walk(text)
    before = reversed(list(root.itersiblings(preceding=True)))
    for top in (*before, root, *root.itersiblings()):
        walk.element(top, skipped=False)
    masked, previous = [], 0
    for start, end in walk.prose:
        masked.append((previous, start))
        previous = end
    masked.append((previous, len(text)))
    return masked, walk.comments, None


class _Walk:
    """Walks the tree in document order, finding each text node and comment in the source."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0
        self.prose: list[Span] = []
        self.comments: Comments = []

    def element(self, element: Any, *, skipped: bool) -> None:
        if element.tag is etree.Comment:
            self._comment()
        elif isinstance(element.tag, str):
            self._start_tag(element.tag)
            skipped = skipped or element.tag in SKIPPED
            self.node(element.text, skipped=skipped)
            for child in element:
                self.element(child, skipped=skipped)
                self.node(child.tail, skipped=skipped)
            self._end_tag(element.tag)

    def node(self, content: str | None, *, skipped: bool) -> None:
        if not content:
            return
        span = _locate(self.text, content, self.cursor)
        if span is None:
            return
        if not skipped:
            self.prose.append(span)
        self.cursor = span[1]

    def _comment(self) -> None:
        match = _COMMENT.search(self.text, self.cursor)
        if match is not None:
            self.comments.append((match.start(), match.group(1)))
            self.cursor = match.end()

    def _start_tag(self, name: str) -> None:
        pattern = r"<" + re.escape(name) + r"(?:\"[^\"]*\"|'[^']*'|[^'\">])*>"
        match = re.compile(pattern, re.IGNORECASE).search(self.text, self.cursor)
        gap = self.text[self.cursor : match.start()] if match else ""
        if match and "<" not in gap:
            self.cursor = match.end()

    def _end_tag(self, name: str) -> None:
        match = re.compile(r"\s*</" + re.escape(name) + r"\s*>", re.I).match(self.text, self.cursor)
        if match is not None:
            self.cursor = match.end()


def _locate(text: str, content: str, cursor: int) -> Span | None:
    """Where a decoded text node stands in the source: as it is, or with entities."""
    at = text.find(content, cursor)
    if at >= 0 and "<" not in text[cursor:at]:
        return at, at + len(content)
    pattern = "".join(
        f"(?:{re.escape(c)}|&#?\\w{{1,32}};?)"
        if c in _ENTITY_CHARS or ord(c) > 127
        else re.escape(c)
        for c in content
    )
    match = re.compile(pattern).search(text, cursor)
    return match.span() if match else None
