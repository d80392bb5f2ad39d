"""check(text, index) → findings: where the words are, and whether the readers will disagree."""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from typing import Any, Literal

from glossary.matching.documents import Document, Format, parse_document
from glossary.matching.index import (
    Anchored,
    Entry,
    EntryKind,
    Hit,
    Match,
    TermIndex,
    agreeing,
    next_word_forms,
)
from glossary.matching.messages import Described, describe, did_you_mean
from glossary.matching.model import Term, Usage
from glossary.matching.text import GAP, WORD, bases, fold_same_length

Kind = Literal["ambiguous", "deprecated", "known"]
KINDS: tuple[Kind, ...] = ("ambiguous", "deprecated", "known")
DEFAULT_INCLUDE: frozenset[str] = frozenset({"ambiguous", "deprecated"})
SEVERITY = {"ambiguous": "warning", "deprecated": "warning", "known": "info"}
MATCH_RANK = {Match.EXACT: 0, Match.INFLECTION: 1, Match.COMPOUND: 2, Match.FUZZY: 3}

SV_MARKERS = frozenset(
    [
        "och",
        "att",
        "det",
        "som",
        "är",
        "en",
        "ett",
        "för",
        "på",
        "med",
        "inte",
        "vi",
        "till",
        "av",
        "den",
        "har",
        "kan",
        "ska",
        "om",
        "de",
        "jag",
        "ni",
        "vår",
        "våra",
        "vill",
        "också",
        "men",
        "eller",
        "så",
        "när",
        "från",
        "hur",
        "vad",
        "bör",
        "måste",
    ]
)
EN_MARKERS = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "is",
        "in",
        "for",
        "that",
        "with",
        "we",
        "it",
        "this",
        "on",
        "are",
        "be",
        "our",
        "will",
        "not",
        "can",
        "should",
        "from",
        "by",
        "an",
        "as",
        "have",
        "has",
        "was",
        "were",
        "which",
        "you",
        "they",
        "their",
    ]
)
JOINERS = frozenset("'’:")
GAP_CHARS = frozenset(" \t\u00a0*_")
BREAKS = frozenset("\n-\u2010\u2011")
#: What ends a sentence (". ", "! ", "? ", ".\n" or a blank line), and the same reversed.
_MARK = re.compile(r"[.!?] |\.\n|\n\n")
_MARK_REVERSED = re.compile(r" [.!?]|\n\.|\n\n")
SENTENCE_REACH = 400
#: Up to this many distinct tokens are looked for one by one (a pass of ``str.find`` each, in
#: C); more are picked out of one pass over the text's words, so that a text of many distinct
#: hits (compounds, misspellings) costs no more per character than one of few.
FIND_ONE_BY_ONE = 48
#: Occurrences placed at a time: a check that has found enough stops after the batch.
PLACE_BATCH = 256


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What to check and how (the request fields of ``POST /v1/check``)."""

    format: Format = "plain"
    language: Literal["auto", "sv", "en"] = "auto"
    audience: Collection[str] | None = None
    include: Collection[str] = DEFAULT_INCLUDE
    fuzzy: bool = True
    #: Stop after this many findings (None: find them all).
    max_findings: int | None = None
    #: Which (term, kind) pairs to report; the others do not count towards ``max_findings``.
    wanted: Callable[[Term, Kind], bool] | None = None


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


@dataclass(frozen=True, slots=True)
class Finding:
    """One word in the text that readers may take differently (the check contract)."""

    offset: int
    length: int
    line: int
    column: int
    text: str
    term: Term
    label: str
    kind: Kind
    match: Match
    score: float
    message: str
    meanings: list[dict[str, Any]]
    suggestions: list[str]
    likely_department: str | None
    resolved_department: str | None = None

    @property
    def severity(self) -> str:
        """warning for ambiguous and deprecated words, info for known ones."""
        return SEVERITY[self.kind]

    def as_dict(self, *, meanings: bool = True) -> dict[str, Any]:
        """The finding as the JSON of the check contract (``meanings`` left out if not)."""
        found = {
            "offset": self.offset,
            "length": self.length,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "term": {"id": self.term.id, "label": self.label},
            "kind": self.kind,
            "match": self.match.value,
            "score": self.score,
            "severity": self.severity,
            "message": self.message,
            "meanings": self.meanings,
            "suggestions": self.suggestions,
            "likely_department": self.likely_department,
            "resolved_department": self.resolved_department,
        }
        if not meanings:
            del found["meanings"]
        return found


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The language the text was read in, and what was found."""

    language: str
    findings: list[Finding] = field(default_factory=list)
    #: Whether findings were left out after ``max_findings``.
    truncated: bool = False


def check(text: str, index: TermIndex, options: CheckOptions | None = None) -> CheckResult:
    """Find the glossary's words in ``text`` and judge each for the text's audience."""
    options = options or CheckOptions()
    document = parse_document(text, options.format)
    folded = fold_same_length(document.text)
    chunks = set(folded.split())
    language = _language(chunks, options.language, index)
    present = index.present(chunks, fuzzy=options.fuzzy)
    if not present:
        return CheckResult(language=language)
    spans = placed(folded, present, index, fuzzy=options.fuzzy)
    audience = options.audience if options.audience is not None else document.audience
    judge = _Judge(document, folded, index, language, audience, options)
    findings, truncated = judge.findings(spans, options.max_findings)
    return CheckResult(language=language, findings=findings, truncated=truncated)


def _language(distinct: set[str], wanted: str, index: TermIndex) -> str:
    if wanted != "auto":
        return wanted
    swedish, english = len(distinct & SV_MARKERS), len(distinct & EN_MARKERS)
    if swedish == english == 0:
        return index.glossary.languages[0] if index.glossary.languages else "en"
    return "sv" if swedish >= english else "en"


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
    entries: Sequence[Anchored] = plan.entries
    if plan.next_words and (not around.read_after(1) or around.after[0][0] not in plan.next_words):
        entries = plan.last_anchored
    if (
        entries
        and plan.previous_words
        and (not around.read_before(1) or around.before[0][0] not in plan.previous_words)
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


def _previous_word(folded: str, position: int) -> tuple[str, int] | None:
    """The word before ``position``, if only a gap a multiword term allows lies between
    (spaces, emphasis marks, at most one line break or hyphen)."""
    i, broke = position, False
    while i > 0 and (folded[i - 1] in GAP_CHARS or (not broke and folded[i - 1] in BREAKS)):
        if folded[i - 1] in BREAKS:
            broke = True
            i -= 2 if folded[i - 1] == "\n" and folded[i - 2 : i - 1] == "\r" else 1
        else:
            i -= 1
    end = i
    while i > 0 and (folded[i - 1].isalnum() or _inner_joiner(folded, i - 1)):
        i -= 1
    if end == position or i == end:
        return None
    return folded[i:end], i


def _inner_joiner(text: str, at: int) -> bool:
    return text[at] in JOINERS and at > 0 and text[at - 1].isalnum() and text[at + 1].isalnum()


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


class _Judge:
    """Turns matched spans into findings for one document, audience and language."""

    def __init__(
        self,
        document: Document,
        folded: str,
        index: TermIndex,
        language: str,
        audience: Collection[str] | None,
        options: CheckOptions,
    ) -> None:
        self.document = document
        self.folded = folded
        self.index = index
        self.language = language
        self.audience = frozenset(audience) if audience is not None else None
        self.include = frozenset(options.include)
        self.wanted = options.wanted

    def findings(self, spans: Iterable[Span], limit: int | None) -> tuple[list[Finding], bool]:
        """One finding per span that survives directives, audience, ``include`` and
        ``wanted``, up to ``limit``; and whether any was left out. Only the cheap tests run
        on the spans after the limit, and only up to the first that survives them."""
        result: list[Finding] = []
        for span in spans:
            verdict = self._verdict(span)
            if verdict is None:
                continue
            if limit is not None and len(result) >= limit:
                return result, True
            result.append(self._finding(span, *verdict))
        return result, False

    def _kind(self, term: Term, sense: str | None) -> Kind:
        if term.usage is Usage.DEPRECATED:
            return "deprecated"
        departments = {m.department for m in term.meanings}
        if self.audience is not None:
            departments &= self.audience
        return "ambiguous" if len(departments) >= 2 and sense is None else "known"

    def _verdict(self, span: Span) -> tuple[int, int, str | None, Kind] | None:
        """(start, end, sense, kind) of a span to report, or None when it is not reported."""
        term = span.entry.term
        start = self.document.original_offset(span.start)
        if self.document.is_suppressed(term.id, start):
            return None
        sense = self.document.sense(term.id, start)
        kind = self._kind(term, sense)
        if kind not in self.include or (self.wanted is not None and not self.wanted(term, kind)):
            return None
        return start, self.document.original_offset(span.end), sense, kind

    def _finding(self, span: Span, start: int, end: int, sense: str | None, kind: Kind) -> Finding:
        term = span.entry.term
        line, column = self.document.position(start)
        text = self.document.original[start:end]
        described = self._describe(term, kind, sense)
        if span.hit.match is Match.FUZZY:
            described = did_you_mean(described, self.language)
        return Finding(
            offset=start,
            length=end - start,
            line=line,
            column=column,
            text=text,
            term=term,
            label=described.label,
            kind=kind,
            match=span.hit.match,
            score=span.hit.score,
            message=described.message,
            meanings=described.meanings,
            suggestions=described.suggestions,
            likely_department=sense or self._likely_department(span),
            resolved_department=sense,
        )

    def _describe(self, term: Term, kind: Kind, sense: str | None) -> Described:
        key = (term.id, self.language, kind, self.audience, sense)
        described = self.index.descriptions.get(key)
        if described is None:
            described = describe(
                term, self.index.glossary, self.language, kind, audience=self.audience, sense=sense
            )
            self.index.descriptions[key] = described
        return described

    def _likely_department(self, span: Span) -> str | None:
        """The department whose cues and names dominate the sentence around the word."""
        term = span.entry.term
        if len(term.meanings) < 2:
            return None
        begin, stop = _sentence(self.folded, span.start, span.end)
        around = self.folded[begin : span.start] + " " + self.folded[span.end : stop]
        found = set(WORD.findall(around))
        votes = sorted(
            ((self.index.votes(m, found, around), m.department) for m in term.meanings),
            reverse=True,
        )
        if votes[0][0] > 0 and votes[0][0] > votes[1][0]:
            return votes[0][1]
        return None


def _sentence(folded: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around [start, end), at most ``SENTENCE_REACH`` each way."""
    low, high = max(0, start - SENTENCE_REACH), min(len(folded), end + SENTENCE_REACH)
    # The nearest mark before is the first one in the reversed text before the word.
    before = _MARK_REVERSED.search(folded[low:start][::-1])
    after = _MARK.search(folded, end, high)
    return (start - before.start() if before else low), (after.start() if after else high)
