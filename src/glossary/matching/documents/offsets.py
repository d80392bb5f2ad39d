"""Edits of a text and the offset shifts they leave, mapped both ways by bisection."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Edit", "Shift", "Span", "blank", "merge", "rebuild", "tight"]

#: Replace ``source[start:end]`` by a replacement: ``(start, end, replacement)``.
Edit = tuple[int, int, str]
Span = tuple[int, int]

_LINE_CONTENT = re.compile(r"[^\r\n]+")


@dataclass(frozen=True, slots=True)
class Shift:
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


def rebuild(source: str, edits: Iterable[Edit]) -> tuple[str, Shift | None]:
    """Apply sorted, disjoint edits; a shift records every edit that changed the length."""
    pieces: list[str] = []
    shift = Shift()
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


def _spaces(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def blank(chunk: str) -> str:
    """Spaces for every character but line breaks, so lines and offsets stay put."""
    if "\n" not in chunk and "\r" not in chunk:
        return " " * len(chunk)
    return _LINE_CONTENT.sub(_spaces, chunk)


def merge(primary: list[Edit], extra: Iterable[Edit]) -> list[Edit]:
    """The primary edits plus the extra edits that overlap none of them, in order."""
    starts = [start for start, _, _ in primary]
    ends = [end for _, end, _ in primary]
    kept = [edit for edit in extra if not _overlaps(starts, ends, edit)]
    return sorted(primary + kept) if kept else primary


def _overlaps(starts: list[int], ends: list[int], edit: Edit) -> bool:
    k = bisect_right(starts, edit[0])
    return (k > 0 and ends[k - 1] > edit[0]) or (k < len(starts) and starts[k] < edit[1])


def tight(start: int, source: str, replacement: str) -> Edit:
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
