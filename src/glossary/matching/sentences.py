"""Sentences and their language: a language's inflections apply where that language is likely.

A span's sentence is found and read once, when a span first falls in it: its words vote
Swedish or English by how much more frequent each is in one language than in the other
(``wordfreq``'s lists), so function words (*och*, *the*, *är*, *was*) weigh most and words both
languages use (names, numbers, *budget*) next to nothing. A mixed text is read sentence by
sentence: a Swedish mail may quote an English one.
"""

from __future__ import annotations

import math
import weakref
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from glossary.matching.findings import Match
from glossary.matching.lookup import EntryKind
from glossary.matching.text import (
    MAX_CACHED_TOKEN,
    RISKY_SV_ENDINGS,
    SHORT_WORD,
    WORD,
    CommonWords,
    _common,
    inflection_bases,
    words,
)

if TYPE_CHECKING:
    from glossary.matching.context import Context
    from glossary.matching.index import TermIndex
    from glossary.matching.lookup import Entry
    from glossary.matching.model import Term
    from glossary.matching.spans import Span

#: Where a sentence may end: a stop mark before a space, or a line break unless the next
#: line goes on in lower case (a mail wrapped at 72 characters). A chat message, a list item,
#: a header line and a blank line each start a new sentence.
MARKS = ".!?…\n"
STOPS = frozenset(".!?…")
CLOSERS = frozenset("\"'”’)]")
#: How far a sentence is read on each side of a span: a text with no stop marks is read in
#: pieces this long, so that each character is read about once.
MAX_SENTENCE = 600
#: The Zipf frequency (log10 of a word's frequency per billion words) of a word in neither
#: list: the lists hold the words of Zipf 3 and more.
UNLISTED = 2.5
#: A word leans wholly to one language when it is this many Zipf points more frequent in it.
FULL_VOTE = 2.0
#: A word more frequent than this (a function word: och, är, the, was) weighs one more for
#: each Zipf point above it.
FUNCTION_WORD = 5.0
#: What an unlisted word with å, ä or ö votes for Swedish.
SWEDISH_LETTERS = frozenset("åäö")
LETTER_VOTE = 0.5
#: How far the sum of votes must lean to decide a sentence's language: two content words
#: or one frequent function word (*Pipelinen ser bra ut*; *the leaden sky*).
MARGIN = 2.0
#: The language a sentence must be in to reject an inflection of the other.
OTHER = {"sv": "en", "en": "sv"}
#: Verdicts remembered per index.
MAX_VERDICTS = 1 << 13


def wrong_language(context: Context, span: Span) -> bool:
    """True when the span is an inflection of the language its sentence is not written in,
    and the other language explains the word: *leaden* or *budgeten* in an English sentence,
    an English plural that is a Swedish word in a Swedish one. Swedish sentences take English
    plurals of loanwords (*accounts*, *personas*), English ones a Swedish label in its base
    form or with its own endings (*our kampanj*, *the kampanjer*)."""
    if span.hit.match is not _INFLECTION or span.entry.kind not in _INFLECTED:
        return False
    token = _last_word(context.folded, span)
    sentences = context.sentences
    other = _rejected_in(sentences.verdicts, context.index.common, span.entry, token)
    return other is not None and sentences.language(span.start) == other


_INFLECTION = Match.INFLECTION
_INFLECTED = frozenset([EntryKind.LABEL, EntryKind.FORM])


def _last_word(folded: str, span: Span) -> str:
    if len(span.entry.words) == 1:
        return folded[span.start : span.end]
    found = WORD.findall(folded, span.start, span.end)
    return found[-1] if found else folded[span.start : span.end]


#: `_verdict` by entry and token, per index: texts repeat their words.
_VERDICTS: weakref.WeakKeyDictionary[TermIndex, dict[tuple[Entry, str], str | None]] = (
    weakref.WeakKeyDictionary()
)


_UNKNOWN = "?"


def verdicts_of(index: TermIndex) -> dict[tuple[Entry, str], str | None]:
    """What `_rejected_in` remembers for this index (looked up once per check: a weak
    dictionary's lookup makes a weak reference each time)."""
    verdicts = _VERDICTS.get(index)
    if verdicts is None:
        verdicts = _VERDICTS.setdefault(index, {})
    return verdicts


def _rejected_in(
    verdicts: dict[tuple[Entry, str], str | None], common: CommonWords, entry: Entry, token: str
) -> str | None:
    """The language of the sentences in which ``token`` is not this entry, if any."""
    if len(token) > MAX_CACHED_TOKEN:  # a run of letters: seldom seen twice, large to keep
        return _verdict(entry, token, common)
    key = (entry, token)
    # One lookup, not two: another thread may clear the dictionary in between.
    known = verdicts.get(key, _UNKNOWN)
    if known is not _UNKNOWN:
        return known
    if len(verdicts) >= MAX_VERDICTS:
        verdicts.clear()
    verdict = verdicts[key] = _verdict(entry, token, common)
    return verdict


def _verdict(entry: Entry, token: str, common: CommonWords) -> str | None:
    """Which language's endings make ``token`` of the entry's label, or of its term's labels
    for a form (also the languages that list the form: ``forms: {sv: [leaden, accounts]}``);
    when one language only, the other is where it may be rejected: where ``token`` is a word
    of that language, or an English label with a Swedish ending that also makes English words
    (*leaden*, *budgeten*; not *budgetar*, which only a Swede writes)."""
    term, listed, bases = entry.term, [], {entry.words[-1]}
    if entry.kind is EntryKind.FORM:
        listed = [code for code, forms in term.forms.items() if entry.text in forms]
        bases = _label_words(term)
    readings = [
        (base, language, ending)
        for base, language, ending in inflection_bases(token)
        if base in bases
        # As the lookup allows: a short base takes English and colon endings only.
        and (len(base) > SHORT_WORD or language == "en" or ending[0] == ":")
    ]
    made_by = {*listed, *(language for _, language, _ in readings)}
    other = OTHER.get(made_by.pop()) if len(made_by) == 1 else None
    if other is None or common.is_common(token, other):
        return other
    if other == "en" and _english_base(entry, readings):
        return other
    return None


def _label_words(term: Term) -> set[str]:
    """The last word of each of the term's labels, in every language."""
    return {found[-1] for each in term.labels.values() for label in each if (found := words(label))}


def _english_base(entry: Entry, readings: list[tuple[str, str, str]]) -> bool:
    """Whether a Swedish ending that also makes English words (-en, -er: *leaden*, *leader*)
    makes the token of an English label."""
    english = entry.term.labels.get("en", ())
    bases = {base for base, language, ending in readings if ending in RISKY_SV_ENDINGS}
    if entry.kind is EntryKind.LABEL:
        return bool(bases) and entry.text in english
    return any(found[-1] in bases for label in english if (found := words(label)))


class Sentences:
    """The sentences of one text that hold a span, each found and read once."""

    def __init__(
        self, text: str, folded: str, verdicts: dict[tuple[Entry, str], str | None]
    ) -> None:
        self.text = text
        self.folded = folded
        #: The index's remembered verdicts (`verdicts_of`).
        self.verdicts = verdicts
        self.starts: list[int] = []
        #: (end, language) of the sentence at ``starts[k]``.
        self.read: list[tuple[int, str | None]] = []

    def language(self, at: int) -> str | None:
        """``sv``, ``en`` or None (too little to tell) for the sentence around ``at``."""
        k = bisect_right(self.starts, at) - 1
        if k >= 0 and at < self.read[k][0]:
            return self.read[k][1]
        # Search only between the sentences already read: each character is looked at once.
        low = self.read[k][0] if k >= 0 else 0
        high = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
        start, end = self.bounds(at, low, high)
        language = language_of(self.folded, start, end)
        self.starts.insert(k + 1, start)
        self.read.insert(k + 1, (end, language))
        return language

    def bounds(self, at: int, low: int, high: int) -> tuple[int, int]:
        """The sentence around ``at``, looked for between ``low`` and ``high``."""
        first, last = max(low, at - MAX_SENTENCE), min(high, at + MAX_SENTENCE)
        start, end = _boundary_before(self.text, first, at), _boundary_after(self.text, at, last)
        return (start + 1 if start >= 0 else first), (end if end >= 0 else max(last, at + 1))


def _boundary_before(text: str, first: int, at: int) -> int:
    """Where the last sentence boundary in ``text[first:at]`` is, or -1."""
    found = {mark: text.rfind(mark, first, at) for mark in MARKS}
    while True:
        mark = max(found, key=found.__getitem__)
        at = found[mark]
        if at < 0 or _ends_sentence(text, at):
            return at
        found[mark] = text.rfind(mark, first, at)


def _boundary_after(text: str, at: int, last: int) -> int:
    """Where the first sentence boundary in ``text[at:last]`` is, or -1."""
    found = {mark: text.find(mark, at, last) for mark in MARKS}
    while True:
        at = min((p for p in found.values() if p >= 0), default=-1)
        if at < 0 or _ends_sentence(text, at):
            return at
        found[text[at]] = text.find(text[at], at + 1, last)


def _ends_sentence(text: str, at: int) -> bool:
    """Whether the mark at ``at`` ends a sentence (see `MARKS`)."""
    after, size = at + 1, len(text)
    if text[at] == "\n":
        while after < size and text[after] in " \t":
            after += 1
        return after == size or not text[after].islower()
    while after < size and (text[after] in STOPS or text[after] in CLOSERS):
        after += 1
    return after == size or text[after].isspace()


def language_of(folded: str, start: int = 0, end: int | None = None) -> str | None:
    """The language the words of ``folded[start:end]`` lean to, or None when they lean to
    neither by `MARGIN`."""
    found = WORD.findall(folded, start, len(folded) if end is None else end)
    # No listed word is that long: a run of letters is cut before it is remembered.
    score = sum(_vote(word[:MAX_CACHED_TOKEN]) for word in found)
    if score >= MARGIN:
        return "sv"
    return "en" if score <= -MARGIN else None


@lru_cache(maxsize=1 << 15)
def _vote(word: str) -> float:
    """Below 0 for English, above for Swedish: -1 to 1 for a content word, up to -3.7 for
    *the*."""
    swedish, english = _common("sv").get(word), _common("en").get(word)
    if swedish is None and english is None:
        return LETTER_VOTE if not SWEDISH_LETTERS.isdisjoint(word) else 0.0
    swedish_zipf, english_zipf = _zipf(swedish), _zipf(english)
    lean = max(-1.0, min(1.0, (swedish_zipf - english_zipf) / FULL_VOTE))
    # Function words (och, är, the, was) are the surest sign and weigh most: a Swedish
    # sentence about leads and pipelines has many English nouns, but its grammar is Swedish.
    return lean * (1 + max(0.0, max(swedish_zipf, english_zipf) - FUNCTION_WORD))


def _zipf(frequency: float | None) -> float:
    return math.log10(frequency) + 9 if frequency else UNLISTED
