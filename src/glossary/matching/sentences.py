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
#: Tokens remembered per entry.
MAX_VERDICTS = 256


def wrong_language(context: Context, span: Span) -> bool:
    """True when the span is an inflection of the language its sentence is not written in,
    and the other language explains the word: *leaden* or *budgeten* in an English sentence,
    an English plural that is a Swedish word in a Swedish one. Swedish sentences take English
    plurals of loanwords (*accounts*, *personas*), English ones a Swedish label in its base
    form or with its own endings (*our kampanj*, *the kampanjer*)."""
    if span.hit.match is not _INFLECTION:
        return False
    wording = _wording(context.index, span.entry)
    if wording is None:
        return False
    token = _last_word(context.folded, span.start, span.end)
    other = wording.rejected_in(token, context.index.common)
    return other is not None and context.sentences.language(span.start) == other


_INFLECTION = Match.INFLECTION


def _last_word(folded: str, start: int, end: int) -> str:
    found = WORD.findall(folded, start, end)
    return found[-1] if found else folded[start:end]


class _Wording:
    """What an entry's language is: the languages that list it (a form), the words its
    inflections are made of, and which of those are English labels."""

    __slots__ = ("bases", "english", "listed", "verdicts")

    def __init__(self, listed: set[str], bases: set[str], english: set[str]) -> None:
        self.listed = frozenset(listed)
        self.bases = frozenset(bases)
        self.english = frozenset(english)
        #: `rejected_in` by token: texts repeat their words.
        self.verdicts: dict[str, str | None] = {}

    def rejected_in(self, token: str, common: CommonWords) -> str | None:
        """The language of the sentences in which ``token`` is not this entry, if any."""
        if token in self.verdicts:
            return self.verdicts[token]
        if len(self.verdicts) >= MAX_VERDICTS:
            self.verdicts.clear()
        verdict = self.verdicts[token] = self._rejected_in(token, common)
        return verdict

    def _rejected_in(self, token: str, common: CommonWords) -> str | None:
        readings = [
            (base, language)
            for base, language, ending in inflection_bases(token)
            if base in self.bases
            # As the lookup allows: a short base takes English and colon endings only.
            and (len(base) > SHORT_WORD or language == "en" or ending[0] == ":")
        ]
        made_by = self.listed.union(language for _, language in readings)
        other = OTHER.get(next(iter(made_by))) if len(made_by) == 1 else None
        # Only a sentence of the other language rejects it, and only a word of that language
        # or an English label with a Swedish ending; most spans are settled before reading.
        if other is not None and (
            common.is_common(token, other)
            or (other == "en" and any(base in self.english for base, _ in readings))
        ):
            return other
        return None


_WORDINGS: weakref.WeakKeyDictionary[TermIndex, dict[Entry, _Wording | None]] = (
    weakref.WeakKeyDictionary()
)


def _wording(index: TermIndex, entry: Entry) -> _Wording | None:
    """The entry's `_Wording`, worked out once per index; None for a prefer wording or idiom."""
    known = _WORDINGS.get(index)
    if known is None:
        known = _WORDINGS.setdefault(index, {})
    if entry not in known:
        known[entry] = _new_wording(entry)
    return known[entry]


def _new_wording(entry: Entry) -> _Wording | None:
    term = entry.term
    english = {found[-1] for label in term.labels.get("en", ()) if (found := words(label))}
    if entry.kind is EntryKind.LABEL:
        word = entry.words[-1]
        return _Wording(set(), {word}, english & {word})
    if entry.kind is not EntryKind.FORM:
        return None
    listed = {code for code, forms in term.forms.items() if _listed(entry.words, forms)}
    labels = {
        found[-1] for code in term.labels for label in term.labels[code] if (found := words(label))
    }
    return _Wording(listed, labels, english)


def _listed(entry_words: tuple[str, ...], wordings: tuple[str, ...]) -> bool:
    return any(words(wording) == entry_words for wording in wordings)


class Sentences:
    """The sentences of one text that hold a span, each found and read once."""

    def __init__(self, text: str, folded: str) -> None:
        self.text = text
        self.folded = folded
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
        text, first = self.text, max(low, at - MAX_SENTENCE)
        start = at
        while (start := max(text.rfind(mark, first, start) for mark in MARKS)) >= 0:
            if _ends_sentence(text, start):
                break
        last = min(high, at + MAX_SENTENCE)
        end = at
        while (end := _next_mark(text, end + 1, last)) >= 0:
            if _ends_sentence(text, end):
                break
        return (start + 1 if start >= 0 else first), (end if end >= 0 else max(last, at + 1))


def _next_mark(text: str, start: int, end: int) -> int:
    found = [at for mark in MARKS if (at := text.find(mark, start, end)) >= 0]
    return min(found) if found else -1


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
    score = sum(map(_vote, WORD.findall(folded, start, len(folded) if end is None else end)))
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
