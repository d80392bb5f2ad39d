"""``<!-- glossary… -->`` directives: read from comments, indexed for suppression and sense."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from glossary.matching.documents.offsets import Span

__all__ = ["Directive", "DirectiveKind", "Rules", "read_directives", "rules"]

DirectiveKind = Literal["disable", "enable", "disable-next-line", "sense"]

_V = TypeVar("_V")
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
_EVERY = "*"  # key for directives that name no term; never a term id


@dataclass(frozen=True, slots=True)
class Directive:
    """A ``<!-- glossary… -->`` comment: switch terms off or on, or state what they mean."""

    kind: DirectiveKind
    offset: int
    line: int
    terms: tuple[str, ...] = ()
    senses: Mapping[str, str] = field(default_factory=dict)


def read_directives(original: str, comments: list[tuple[int, str]]) -> tuple[Directive, ...]:
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


def _ranges(spans: Iterable[Span]) -> _Ranges:
    ordered = sorted(spans)
    reach: list[int] = []
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)
    return _Ranges([start for start, _ in ordered], reach)


@dataclass(frozen=True, slots=True)
class Rules:
    """The directives by term id, `_EVERY` standing for those that name no term."""

    switches: dict[str, _Timeline[bool]]  # True: disabled from there on
    skips: dict[str, _Ranges]  # what disable-next-line directives cover
    senses: dict[str, _Timeline[str]]

    def suppressed(self, term_id: str, offset: int) -> bool:
        """Whether a disable or a disable-next-line directive covers the term at offset."""
        timelines = (self.switches.get(term_id), self.switches.get(_EVERY))
        latest = max((e for t in timelines if t and (e := t.last(offset))), default=None)
        if latest is not None and latest[1]:
            return True
        return any(r.cover(offset) for r in (self.skips.get(term_id), self.skips.get(_EVERY)) if r)

    def sense(self, term_id: str, offset: int) -> str | None:
        """The department the latest sense directive at or before offset chose, or None."""
        timeline = self.senses.get(term_id)
        chosen = timeline.last(offset) if timeline else None
        return chosen[1] if chosen else None


def rules(directives: tuple[Directive, ...], next_lines: dict[int, Span]) -> Rules:
    """Index the directives; ``next_lines`` holds the range each next-line directive covers."""
    switches: dict[str, _Timeline[bool]] = {}
    skips: dict[str, list[Span]] = {}
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
    return Rules(switches, {term: _ranges(s) for term, s in skips.items()}, senses)
