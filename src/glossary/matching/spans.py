"""Where the glossary's words stand in a folded text: occurrences of the interesting tokens,
multiword entries around them, and overlaps settled (prefer wordings hide the labels inside)."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter

from glossary.matching.findings import Match
from glossary.matching.index import TermIndex
from glossary.matching.lookup import Entry, EntryKind, Hit
from glossary.matching.plans import Anchored, agreeing, next_word_forms
from glossary.matching.text import GAP, JOINERS, WORD, bases, inner_joiner

MATCH_RANK = {Match.EXACT: 0, Match.INFLECTION: 1, Match.COMPOUND: 2, Match.FUZZY: 3}
GAP_CHARS = frozenset(" \t\u00a0*_")
HYPHENS = frozenset("-\u2010\u2011")
BREAKS = frozenset("\n") | HYPHENS
BREAKS_QUOTE = BREAKS | {">"}
#: How far back from a word its line's start is looked for (indentation, ``> > ``).
QUOTE_PREFIX = 64
#: Up to this many distinct tokens are looked for one by one (a pass of ``str.find`` each, in
#: C); more are picked out of one pass over the text's words, so that a text of many distinct
#: hits (compounds, misspellings) costs no more per character than one of few.
FIND_ONE_BY_ONE = 48
#: How far back `_previous_word` looks for the space before a plain word at first.
PLAIN_WORD = 40
#: Occurrences placed at a time: a check that has found enough stops after the batch.
PLACE_BATCH = 256


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the scanned text that matches one entry."""

    start: int
    end: int
    hit: Hit

    @property
    def entry(self) -> Entry:
        """The matched entry."""
        return self.hit.entry


def _occurrences(folded: str, present: Collection[str]) -> Iterator[tuple[str, int]]:
    """Where the interesting tokens stand as whole words, in text order (lazily: a check that
    has found enough stops reading)."""
    if len(present) > FIND_ONE_BY_ONE:
        return (
            (token, match.start())
            for match in WORD.finditer(folded)
            if (token := match.group()) in present
            and _starts_word(folded, match.start())
            and _ends_word(folded, match.end())
        )
    # A few tokens: one ``str.find`` pass each runs in C; only the few hits are checked here.
    return heapq.merge(*(_whole_words(folded, token) for token in present), key=itemgetter(1))


def _whole_words(folded: str, token: str) -> Iterator[tuple[str, int]]:
    at = folded.find(token)
    while at >= 0:
        end = at + len(token)
        if _starts_word(folded, at) and _ends_word(folded, end):
            yield token, at
        at = folded.find(token, end)


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _starts_word(text: str, at: int) -> bool:
    if at == 0 or (not _is_word_char(text[at - 1]) and text[at - 1] != "_"):
        return at < 2 or text[at - 1] not in JOINERS or not _is_word_char(text[at - 2])
    return False


def _ends_word(text: str, end: int) -> bool:
    if end == len(text) or (not _is_word_char(text[end]) and text[end] != "_"):
        return end + 1 >= len(text) or text[end] not in JOINERS or not _is_word_char(text[end + 1])
    return False


def placed(
    folded: str, present: Collection[str], index: TermIndex, *, fuzzy: bool
) -> Iterator[Span]:
    """The spans that stand in the text once prefer wordings have hidden the labels inside
    them and overlaps are settled, in text order, found a batch of occurrences at a time."""
    resolver = _Resolver()
    spans: list[Span] = []
    batch = max(PLACE_BATCH, index.words_before_anchor + 1)
    occurrences = _occurrences(folded, present)
    while chunk := list(islice(occurrences, batch)):
        for token, start in chunk:
            end = start + len(token)
            spans += [Span(start, end, hit) for hit in index.analyze(token, fuzzy=fuzzy)]
            spans += _multiword(folded, start, end, token, index)
        # What later occurrences find starts at most that many words before them.
        settled = _words_back(folded, chunk[-1][1], index.words_before_anchor)
        yield from resolver.resolve([s for s in spans if s.start < settled])
        spans = [s for s in spans if s.start >= settled]
    yield from resolver.resolve(spans)


def _words_back(folded: str, position: int, count: int) -> int:
    """Where the ``count`` words before a word at ``position`` start, as far as each is
    joined to the next as a multiword term may be."""
    for _ in range(count):
        previous = _previous_word(folded, position)
        if previous is None:
            break
        position = previous[1]
    return position


def _multiword(folded: str, start: int, end: int, token: str, index: TermIndex) -> list[Span]:
    """Spans of multiword entries anchored at this token; only the last word may inflect."""
    plan = index.multi_plan(token)
    if not plan.entries:
        return []
    around = _Around(folded, start, end)
    entries: Sequence[Anchored] = ()
    if plan.by_next:  # some entry has words after its anchor
        entries = plan.fitting(around.after[0][0] if around.read_after(1) else "")
    if plan.last_anchored and around.read_before(1):
        entries = (*entries, *plan.ending_after(around.before[0][0]))
    if (
        entries
        and plan.previous_words
        and (not around.read_before(1) or not plan.follows(around.before[0][0]))
    ):
        entries = [a for a in entries if a.anchor == 0]
    spans: list[Span] = []
    for anchored in entries:
        entry, anchor = anchored.entry, anchored.anchor
        if not around.may_match(entry.words, anchor):
            continue
        found = around.match(entry.words[:anchor], entry.words[anchor + 1 :])
        if found is not None:
            exact = anchored.as_written and found[2] and entry.kind is not EntryKind.FORM
            match = Match.EXACT if exact else Match.INFLECTION
            spans.append(Span(found[0], found[1], Hit(entry, match, 100.0)))
    return spans


def _agrees(token: str, word: str) -> bool:
    """A word inside a multiword term, as written or with Swedish adjective agreement."""
    return token in agreeing(word)


class _Around:
    """The words before and after one occurrence, read lazily and only as far as needed."""

    def __init__(self, folded: str, start: int, end: int) -> None:
        self.folded = folded
        self.before: list[tuple[str, int]] = []
        self.after: list[tuple[str, int]] = []
        self.start, self.end = start, end

    def may_match(self, words: tuple[str, ...], anchor: int) -> bool:
        """A cheap first test: do the next-door words fit at all?"""
        if anchor + 1 < len(words) and (
            not self.read_after(1) or self.after[0][0] not in next_word_forms(words, anchor)
        ):
            return False
        return anchor == 0 or (
            self.read_before(1) and self.before[0][0] in agreeing(words[anchor - 1])
        )

    def match(self, before: Sequence[str], after: Sequence[str]) -> tuple[int, int, bool] | None:
        """(start, end, last word exact) when the words around are ``before`` and ``after``."""
        if not self.read_before(len(before)) or not self.read_after(len(after)):
            return None
        written = [self.before[i][0] for i in range(len(before))][::-1]
        if not all(_agrees(token, word) for token, word in zip(written, before, strict=True)):
            return None
        exact = written == list(before)
        for i, word in enumerate(after):
            token = self.after[i][0]
            if token != word:
                last = i == len(after) - 1
                if not (word in bases(token) if last else _agrees(token, word)):
                    return None
                exact = False
        begin = self.before[len(before) - 1][1] if before else self.start
        if _hyphenated_to(self.folded, begin):
            return None
        stop = self.after[len(after) - 1][1] if after else self.end
        return begin, stop, exact

    def read_before(self, count: int) -> bool:
        while len(self.before) < count:
            position = self.before[-1][1] if self.before else self.start
            previous = _previous_word(self.folded, position)
            if previous is None:
                return False
            self.before.append(previous)
        return True

    def read_after(self, count: int) -> bool:
        while len(self.after) < count:
            position = self.after[-1][1] if self.after else self.end
            gap = GAP.match(self.folded, position)
            word = WORD.match(self.folded, gap.end()) if gap and gap.end() > position else None
            if word is None:
                return False
            self.after.append((word.group(), word.end()))
        return True


def _hyphenated_to(folded: str, begin: int) -> bool:
    """Whether a word at ``begin`` is the last part of a hyphenated word: in *mid-market
    segment* (also *mid-* / *market segment*) *market segment* is no phrase of its own."""
    i = begin
    if i and folded[i - 1] not in HYPHENS:
        line = folded.rfind("\n", max(0, begin - QUOTE_PREFIX), begin)
        if line < 0 or folded[line + 1 : begin].strip(" \t>"):
            return False
        i = line - 1 if folded[line - 1 : line] == "\r" else line
    return i > 1 and folded[i - 1] in HYPHENS and folded[i - 2].isalnum()


def _previous_word(folded: str, position: int) -> tuple[str, int] | None:
    """The word before ``position``, if only a gap a multiword term allows lies between
    (spaces, emphasis marks, at most one line break or hyphen; after a line break, the
    ``>`` of quoted mail)."""
    # Most words stand after one space and a plain word: found with one search in C.
    if position > 1 and folded[position - 1] == " " and folded[position - 2].isalnum():
        space = folded.rfind(" ", max(0, position - 1 - PLAIN_WORD), position - 1)
        word = folded[space + 1 : position - 1]
        if space >= 0 and word.isalnum():
            return word, space + 1
    i, broke, quoted = position, False, False
    while i > 0 and (folded[i - 1] in GAP_CHARS or (not broke and folded[i - 1] in BREAKS_QUOTE)):
        if folded[i - 1] == ">":
            quoted = True
            i -= 1
        elif folded[i - 1] in BREAKS:
            if quoted and folded[i - 1] != "\n":
                return None
            broke = True
            newline = folded[i - 1] == "\n"
            i -= 2 if newline and folded[i - 2 : i - 1] == "\r" else 1
            if newline and folded[i - 1 : i] in HYPHENS:  # a hyphen at the line end
                i -= 1
        else:
            i -= 1
    if quoted and not broke:
        return None
    end = i
    while i > 0 and (folded[i - 1].isalnum() or inner_joiner(folded, i - 1)):
        i -= 1
    if end == position or i == end:
        return None
    return folded[i:end], i


class _Resolver:
    """Prefer wordings win over the labels inside them; then leftmost-longest, best match.
    Takes the spans in batches, each starting after every span of the batches before."""

    def __init__(self) -> None:
        self.blockers = _Blockers()
        self.seen_terms: set[tuple[int, str]] = set()
        self.reach = -1
        self.last: Span | None = None

    def resolve(self, spans: list[Span]) -> list[Span]:
        """The spans of this batch that stand, in text order."""
        blocking = (EntryKind.PREFER, EntryKind.IDIOM)
        self.blockers.add([s for s in spans if s.entry.kind in blocking])
        labels = [s for s in spans if s.entry.kind not in blocking and not self.blockers.hide(s)]
        labels.sort(key=lambda s: (s.start, -(s.end - s.start), MATCH_RANK[s.hit.match]))
        chosen: list[Span] = []
        for span in labels:
            key = (span.start, span.entry.term.id)
            if key in self.seen_terms:
                continue
            last = self.last
            if span.start >= self.reach or (
                last and span.start == last.start and span.end == last.end
            ):
                chosen.append(span)
                self.last = span
                self.seen_terms.add(key)
                self.reach = max(self.reach, span.end)
        return chosen


class _Blockers:
    """The prefer wordings and idioms of a text in order, so that whether one hides a label
    costs a binary search, not a look at every one of them."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        #: reach[k]: the furthest end of the wordings that start at or before starts[k].
        self.reach: list[int] = []
        self.ends_at: dict[int, int] = {}
        #: Who stands on exactly these words: term ids, "" for an idiom.
        self.exact: dict[tuple[int, int], set[str]] = {}

    def add(self, prefers: Iterable[Span]) -> None:
        """Take wordings that all start after those taken before."""
        ends_at: dict[int, int] = {}
        for prefer in prefers:
            ends_at[prefer.start] = max(prefer.end, ends_at.get(prefer.start, prefer.end))
            owner = "" if prefer.entry.kind is EntryKind.IDIOM else prefer.entry.term.id
            self.exact.setdefault((prefer.start, prefer.end), set()).add(owner)
        for start in sorted(ends_at):
            self.starts.append(start)
            self.reach.append(max(ends_at[start], self.reach[-1] if self.reach else -1))
        self.ends_at.update(ends_at)

    def hide(self, span: Span) -> bool:
        """A prefer wording hides labels inside it, except another term's on the very same
        words (an idiom hides those too)."""
        k = bisect_left(self.starts, span.start)
        if k and self.reach[k - 1] >= span.end:  # one starts before the label, ends after
            return True
        if self.ends_at.get(span.start, -1) > span.end:  # one starts with it and goes on
            return True
        owners = self.exact.get((span.start, span.end))
        return owners is not None and bool(owners & {"", span.entry.term.id})
