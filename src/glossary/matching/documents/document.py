"""The document: a submitted text, the text the matcher scans, and offsets between them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from glossary.matching.documents.cleanup import join_words, normalize
from glossary.matching.documents.directives import Directive, Rules, read_directives, rules
from glossary.matching.documents.html import scan_html
from glossary.matching.documents.hyphenation import join_hyphenated
from glossary.matching.documents.markdown import scan_markdown
from glossary.matching.documents.offsets import Shift, Span, rebuild
from glossary.matching.documents.plain import scan_plain

__all__ = ["Document", "Format", "parse_document"]

Format = Literal["plain", "markdown", "html"]

_STRUCTURE = {"plain": scan_plain, "markdown": scan_markdown, "html": scan_html}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Document:
    """A submitted text, the text the matcher scans, and how to get from one to the other."""

    original: str
    text: str
    directives: tuple[Directive, ...]
    audience: tuple[str, ...] | None
    _shifts: tuple[Shift, ...] = field(default=(), repr=False, compare=False)
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
        return self._rules.sense(term_id, original_offset) if self.directives else None

    @cached_property
    def _has_cr(self) -> bool:
        return "\r" in self.original

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(match.end() for match in _LINE_BREAK.finditer(self.original))]

    @cached_property
    def _rules(self) -> Rules:
        return rules(self.directives, self._next_lines())

    def _next_lines(self) -> dict[int, Span]:
        """Per disable-next-line directive: from it to the end of the next line with a word."""
        covered: dict[int, Span] = {}
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


def parse_document(
    text: str, fmt: Format = "plain", knows: Callable[[str], bool] | None = None
) -> Document:
    """Turn a submitted text into the text to check, with offsets back and its directives;
    with ``knows`` (is this lower-case word the glossary's?), plain text and Markdown also
    join words hyphenated at a line end."""
    if fmt not in _STRUCTURE:
        raise ValueError(f"unknown format {fmt!r}: expected plain, markdown or html")
    scan = _STRUCTURE[fmt](text)
    scanned, structure = rebuild(text, scan.edits)
    scanned, joined = join_words(scanned)
    scanned, normalized = normalize(scanned)
    hyphenated = None
    if knows is not None and fmt != "html":  # a browser keeps a hyphen before a line break
        scanned, hyphenated = join_hyphenated(scanned, knows)
    shifts = tuple(s for s in (structure, joined, normalized, hyphenated) if s is not None)
    directives = read_directives(text, scan.comments)
    return Document(text, scanned, directives, scan.audience, shifts)
