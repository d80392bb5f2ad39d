"""Proper nouns: a term word that is part of a company's or product's name is not the term.

Swedish never capitalises a noun and English only at a sentence start or in a title, so a
term word capitalised anywhere else is read as (part of) a name: *vi bytte från Account
Engagement*, *De kör Funnel för rapporterna*, *the Target stores*. Sentence starts (also after
a chat prefix, a list bullet, a decoration run such as ``===``, a colon or a column gap), a
heading's segments (``Kundkort / Account card``) and title-cased headings stay ordinary uses,
unless a company form follows (*Pipeline Partners AB*), the next word is capitalised too
(*Campaign Monitor is down*), or the same document uses the word as a name mid-sentence (one
sense per discourse). A glossary's ``ignore`` lists name what is never the term, as written.

Each test reads a bounded stretch around the span; what a document says once (whether a
stretch is a title, whether a word is a name elsewhere) is remembered per check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossary.matching.findings import Match
from glossary.matching.lines import (
    DECORATION,
    after_separator,
    field_name,
    heading_segments,
    is_title,
)
from glossary.matching.text import WORD, fold, inner_joiner

if TYPE_CHECKING:
    from glossary.matching.context import Context
    from glossary.matching.model import Glossary
    from glossary.matching.spans import Span

__all__ = ["Ignored", "Reader", "ignored_names", "in_name"]

#: Written after a name, these make it a company's: *Pipeline Partners AB*, *Acme Inc*.
_COMPANY_FORMS = (
    "AB HB KB Inc Ltd Limited GmbH AG KG Oy Oyj AS ASA ApS LLC LLP plc PLC Corp Co SA NV BV"
)
COMPANY_FORMS = frozenset(_COMPANY_FORMS.split())
#: Swedish endings of definite and plural nouns, which names do not take.
DEFINITE = ("en", "et", "n", "t", "na", "ar", "er", "or")
#: How far around a span the tests read: a stretch without a line break, tab, ``|`` or
#: double space within this many characters is running text, never a title.
REACH = 200
#: A title's words stand at most this far into it.
TITLE_REACH = 80
#: Skipped before a word when looking for what starts its sentence: spaces, quotes,
#: opening brackets and Markdown marks.
OPENERS = frozenset(" \u00a0\"'“”‘’«»([{*_#>")
#: What ends a sentence or a header's field name, so that a capitalised word follows.
STOPS = frozenset(".!?…:")
#: A word of a name and the next: one space, or ``&`` between spaces.
NEXT_IN_RUN = re.compile(r"[ \u00a0](?:&[ \u00a0])?([^\W_]+(?:['’:][^\W_]+)*)")
#: The gap between the words of an ignored name: spaces, at most one line break, and
#: the punctuation names hold (``Rent-a-Car``, ``A & B``, ``Inc.``).
NAME_GAP = re.compile(r"[ \t\u00a0&/.,+\-]{0,3}(?:\r?\n[ \t\u00a0>]*)?")
LONGEST_WORD = 64


@dataclass(frozen=True, slots=True)
class Ignored:
    """A name or phrase to ignore, as written, seen from its word at ``at``: no span inside
    it is the term ``owner`` ("" for every term)."""

    words: tuple[str, ...]
    at: int
    owner: str


def ignored_names(glossary: Glossary) -> dict[str, tuple[Ignored, ...]]:
    """The glossary's ``ignore`` lists (global and per approved term) by each folded word
    of each name; linear in the words of the lists."""
    table: dict[str, list[Ignored]] = {}
    lists = [("", glossary.ignore), *((t.id, t.ignore) for t in glossary.terms if t.ignore)]
    for owner, phrases in lists:
        for phrase in phrases:
            found = tuple(WORD.findall(phrase))
            for at, word in enumerate(found):
                table.setdefault(fold(word), []).append(Ignored(found, at, owner))
    return {word: tuple(found) for word, found in table.items()}


def in_name(context: Context, span: Span) -> bool:
    """True when the span is part of a name in running text, or of a name the glossary
    says to ignore."""
    if context.index.ignored and _ignored(context, span):
        return True
    text = context.text
    if not text[span.start].isupper():  # most spans: a word in lower case
        return False
    if span.hit.match is Match.COMPOUND:
        # The capital is the first part's (*Facebookkampanjen*); a company's name still is one.
        return context.names.company_follows(span.end)
    start = _head(text, span)
    if start is None or _definite(context.folded, span):
        return False
    return context.names.is_name(start, span.end)


def _definite(folded: str, span: Span) -> bool:
    """A Swedish definite or plural form (*Pipelinen*, *Funneln*, *Kampanjerna*): a name
    takes no such ending, only the genitive's -s."""
    if span.hit.match is not Match.INFLECTION:
        return False
    word = folded[span.start : span.end]
    return word.isalpha() and word.endswith(DEFINITE)


# ---------------------------------------------------------------------------- ignore lists


def _ignored(context: Context, span: Span) -> bool:
    first = WORD.match(context.folded, span.start)
    if first is None:
        return False
    term = span.entry.term.id
    for name in context.index.ignored.get(first.group(), ()):
        if name.owner in ("", term) and _stands(context.text, span, first.end(), name):
            return True
    return False


def _stands(text: str, span: Span, first_end: int, name: Ignored) -> bool:
    """Whether the name stands in the text, as written, around the span's first word, and
    holds the whole span."""
    if text[span.start : first_end] != name.words[name.at]:
        return False
    position = span.start
    for word in reversed(name.words[: name.at]):
        found = _word_before(text, position)
        if found is None or text[found:position].rstrip(" \t\u00a0&/.,+-\r\n>") != word:
            return False
        position = found
    end = first_end
    for word in name.words[name.at + 1 :]:
        gap = NAME_GAP.match(text, end)
        following = WORD.match(text, gap.end()) if gap else None
        if following is None or following.group() != word:
            return False
        end = following.end()
    return end >= span.end


def _word_before(text: str, position: int) -> int | None:
    """Where the word before ``position`` starts, if only a name's gap lies between."""
    lo = max(0, position - 8)
    gap = position
    while gap > lo and not text[gap - 1].isalnum():
        gap -= 1
    if NAME_GAP.fullmatch(text, gap, position) is None:
        return None
    i, stop = gap, max(0, gap - LONGEST_WORD)
    while i > stop and (text[i - 1].isalnum() or inner_joiner(text, i - 1)):
        i -= 1
    return i if i < gap and (i == 0 or not text[i - 1].isalnum()) else None


# ---------------------------------------------------------------------------- capitals


def _head(text: str, span: Span) -> int | None:
    """Where the span's word starts if it is capitalised as a name is: the part after a
    hyphen (*Facebook-kampanjen* is a campaign), not in capitals (*MQL*, *MQLs*, *LEAD*)."""
    written = text[span.start : span.end]
    hyphen = max(written.rfind("-"), written.rfind("\u2010"), written.rfind("\u2011"))
    start = span.start + hyphen + 1
    while start < span.end and text[start].isspace():
        start += 1
    return start if _capitalised(text, start) else None


def _capitalised(text: str, at: int) -> bool:
    """A capital followed by a small letter: *Segment*, *HubSpot*; not *MQL*, *Q1*, *I*."""
    return text[at : at + 1].isupper() and text[at + 1 : at + 2].islower()


class Reader:
    """What one document says of its capitalised words, read around them and remembered."""

    def __init__(self, text: str) -> None:
        self.text = text
        #: Per stretch: whether it is a title, or where a header's value starts in it.
        self.titles: dict[int, bool | int] = {}
        #: Per stretch: where its segments may start, if it is a heading of segments.
        self.segments: dict[int, tuple[int, int]] = {}
        self.named: dict[str, bool] = {}

    def is_name(self, start: int, end: int) -> bool:
        """Whether the capitalised word at ``start`` of a span ending at ``end`` is a name."""
        first, bounded = self._stretch(start)
        at_start = self._starts_sentence(start, first, bounded) or (
            bounded and self._starts_segment(first, start)
        )
        title = bounded and self._title(first, start)
        if not at_start and not title:
            return True
        if self.company_follows(end):
            return True
        if at_start and not title and self._capitalised_next(end):
            # A run of capitals starting a sentence, but not a header's field name (*Lead
            # Source: Webinar*), which is written in capitals as a title is.
            return not self._in_field_name(first, start)
        word = WORD.match(self.text, start)
        return word is not None and self._named_elsewhere(word.group())

    def company_follows(self, end: int) -> bool:
        """A company form after the span, maybe after more capitalised words of the name."""
        position = end
        for _ in range(4):
            following = NEXT_IN_RUN.match(self.text, position)
            if following is None:
                return False
            word = following.group(1)
            if word in COMPANY_FORMS:
                return True
            if not _capitalised(word, 0):
                return False
            position = following.end()
        return False

    def _capitalised_next(self, end: int) -> bool:
        following = NEXT_IN_RUN.match(self.text, end)
        return following is not None and _capitalised(following.group(1), 0)

    def _stretch(self, start: int) -> tuple[int, bool]:
        """Where the stretch of text around ``start`` begins (after a line break, a tab, a
        ``|`` or two spaces), and whether one is that near; else where reading stops."""
        text, lo = self.text, max(0, start - REACH)
        double = text.rfind("  ", lo, start)
        found = max(
            text.rfind("\n", lo, start),
            text.rfind("\t", lo, start),
            text.rfind("|", lo, start),
            double + 1 if double >= 0 else -1,
        )
        if found >= 0:
            return found + 1, True
        return lo, lo == 0

    def _starts_sentence(self, start: int, first: int, bounded: bool) -> bool:
        """Whether the word at ``start`` starts a sentence: the stretch's first word (after
        a list bullet or a decoration run, a chat time or ticket key in brackets), or after
        a stop or colon."""
        text, i = self.text, start
        while i > first and (text[i - 1] in OPENERS or text[i - 1] in DECORATION):
            i -= 1
        if i == first:  # also after a bullet or a run of decoration: --- Budget ---
            return bounded or any(mark in DECORATION for mark in text[first:start])
        mark = text[i - 1]
        if mark in STOPS:
            return True
        if mark in ")]":
            marker = text[first : i - 1].strip()
            if len(marker) <= 2 and marker.isalnum():  # a numbered list: 1) 2) a)
                return True
            opening = text.rfind("(["[mark == "]"], first, i - 1)
            return opening >= 0 and not text[first:opening].strip()
        return False

    def _title(self, first: int, start: int) -> bool:
        """Whether the word at ``start`` stands in a title: a stretch of two or more long
        words, all capitalised. A header's ``Field Name: value`` is no title: its field name
        never (``Fix Version / Target: 2025.11.2``), its value may be (``Subject: Q3 Budget
        Review``)."""
        if start - first > TITLE_REACH:
            return False
        known = self.titles.get(first)
        if known is None:
            stretch = self.text[first : self._end(start)]
            field = field_name(stretch)
            known = self.titles[first] = field if field else is_title(stretch)
        if isinstance(known, bool):
            return known
        # A header: only its value may be a title.
        return start >= first + known and is_title(self.text[first + known : self._end(start)])

    def _starts_segment(self, first: int, start: int) -> bool:
        """Whether the word at ``start`` starts a segment of a heading (``Kundkort / Account
        card``, ``Översikt – Pipeline``); in a header, of its value only, since its field
        name is never a heading (``Fix Version / Target: 2025.11.2``)."""
        if not after_separator(self.text, first, start):
            return False
        known = self.segments.get(first)
        if known is None:
            stretch = self.text[first : self._end(start)]
            known = self.segments[first] = heading_segments(stretch, field_name(stretch))
        return known[0] >= 0 and first + known[0] <= start <= first + known[1]

    def _in_field_name(self, first: int, start: int) -> bool:
        known = self.titles.get(first)
        return type(known) is int and start < first + known

    def _end(self, start: int) -> int:
        text, hi = self.text, min(len(self.text), start + REACH)
        ends = [text.find(mark, start, hi) for mark in ("\n", "\t", "|", "  ")]
        found = [end for end in ends if end >= 0]
        return min(found) if found else hi

    def _named_elsewhere(self, word: str) -> bool:
        """Whether the document writes ``word`` on its own, capitalised mid-sentence, anywhere:
        then it is a name at sentence starts and in titles too (one sense per discourse)."""
        known = self.named.get(word)
        if known is None:
            known = self.named[word] = any(
                self._lone_name(at, at + len(word)) for at in _occurrences(self.text, word)
            )
        return known

    def _lone_name(self, start: int, end: int) -> bool:
        first, bounded = self._stretch(start)
        if self._starts_sentence(start, first, bounded) or self._capitalised_next(end):
            return False
        if bounded and self._starts_segment(first, start):
            return False
        if bounded and self._title(first, start):
            return False
        before = self.text[max(0, start - 2) : start]
        return not (before[-1:] == " " and _capitalised_before(self.text, start - 1))


def _capitalised_before(text: str, space: int) -> bool:
    """Whether a capitalised word ends at ``space`` (a name's earlier word)."""
    word = _word_before(text, space + 1)
    return word is not None and word < space and _capitalised(text, word)


def _occurrences(text: str, word: str) -> Iterable[int]:
    """Where ``word`` stands as a whole word, as written."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            yield at
        at = text.find(word, end)
