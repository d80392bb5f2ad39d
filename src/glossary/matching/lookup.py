"""Word lookup: one folded token against the one-word entries of a glossary, exactly, inflected,
as the head of a Swedish compound, or misspelled (through a deletion index, never through all
terms)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from rapidfuzz.distance import OSA

from glossary.matching.findings import Match
from glossary.matching.model import Term
from glossary.matching.text import (
    MAX_ENDING,
    RISKY_SV_ENDINGS,
    SHORT_WORD,
    CommonWords,
    bases,
    inflection_bases,
)

#: A compound's first part must be at least this long (``sälj``+``budget``), its head too.
MIN_COMPOUND_HEAD = 3
MIN_COMPOUND_TAIL = 4
#: Misspellings are looked for only of words this long or longer...
MIN_FUZZY = 5
#: ... in tokens as long or one letter shorter (``ofer``, ``trat``); a token shorter than the
#: words keeps the first letter, which writers rarely get wrong (``itch`` is no ``pitch``).
MIN_FUZZY_TOKEN = MIN_FUZZY - 1
#: ... and only of words this long or shorter. A word has one one-letter deletion per letter,
#: so the deletion index holds about the square of a word's length in letters: a few KB for
#: 32 letters, where one 15,000-letter label took 240 MB. Real words stay well below it (the
#: long Swedish compound ``försäljningsorganisationen`` has 26 letters); longer labels are
#: codes or runs of letters, which are typed or pasted, not misspelled.
MAX_FUZZY_LENGTH = 32


class EntryKind(StrEnum):
    """What an index entry is of its term."""

    LABEL = "label"
    FORM = "form"
    PREFER = "prefer"
    IDIOM = "idiom"


@dataclass(frozen=True, slots=True, eq=False)
class Entry:
    """One wording of a term: a label, a form, or a prefer wording of one meaning.

    Entries compare by identity: each is made once, when the index is built."""

    term: Term
    kind: EntryKind
    words: tuple[str, ...]
    text: str
    department: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A single token matching a one-word entry."""

    entry: Entry
    match: Match
    score: float


class WordLookup:
    """The one-word entries of a glossary by their folded word, with what finding a token's
    inflections, compound heads and misspellings among them takes."""

    def __init__(self, common: CommonWords | None = None) -> None:
        self.common = common or CommonWords()
        self.single: dict[str, list[Entry]] = defaultdict(list)
        self.tails: dict[str, set[int]] = defaultdict(set)
        #: Misspelling lookup: each word and its one-letter deletions → the word(s). A plain
        #: string where there is one (nearly always), since 10,000 terms give ~250k keys.
        self.deletes: dict[str, str | tuple[str, ...]] = {}
        #: What a near miss of those words keeps, for each length it may have (see
        #: `_near_keys`): most rare words of a text are dismissed with a few set lookups
        #: before the deletion index is asked.
        self.near_keys: set[str] = set()

    def add(self, entry: Entry) -> None:
        """Index a one-word entry, and its word for misspellings unless a prefer wording or an
        idiom."""
        word = entry.words[0]
        self.single[word].append(entry)
        if len(word) >= MIN_COMPOUND_TAIL:
            self.tails[word[-3:]].add(len(word))
        if (
            entry.kind not in (EntryKind.PREFER, EntryKind.IDIOM)
            and MIN_FUZZY <= len(word) <= MAX_FUZZY_LENGTH
        ):
            for variant in (word, *_deletes(word)):
                self._add_delete(variant, word)
            self.near_keys.update(_near_keys(word))

    def _add_delete(self, variant: str, word: str) -> None:
        known = self.deletes.get(variant)
        if known is None:
            self.deletes[variant] = word
        elif isinstance(known, str):
            if known != word:
                self.deletes[variant] = (known, word)
        elif word not in known:
            self.deletes[variant] = (*known, word)

    def exact(self, token: str) -> tuple[Hit, ...]:
        """The entries whose word the token is (a listed form counts as an inflection)."""
        return tuple(
            Hit(e, Match.INFLECTION if e.kind is EntryKind.FORM else Match.EXACT, 100.0)
            for e in self.single.get(token, ())
        )

    def inflected(self, token: str) -> tuple[Hit, ...]:
        """The entries whose word the token inflects: ``budgeten``, ``leads``, ``MQL:er``."""
        if not any(base in self.single for base in bases(token)):
            return ()
        hits: list[Hit] = []
        for base, language, ending in inflection_bases(token):
            entries = self.single.get(base, ())
            if entries and self._inflection_allowed(token, base, language, ending):
                hits += [Hit(e, Match.INFLECTION, 100.0) for e in entries]
        return tuple(dict.fromkeys(hits))

    def _inflection_allowed(self, token: str, base: str, language: str, ending: str) -> bool:
        if len(base) <= SHORT_WORD:
            # Abbreviations take English plurals and Swedish colon endings only: MQLs, MQL:er.
            return ending.startswith(":") or language == "en"
        if language == "sv" and ending in RISKY_SV_ENDINGS:
            return not self.common.is_common(token, "en")
        return True

    def compound(self, token: str) -> tuple[Hit, ...]:
        """A Swedish compound whose head is a one-word entry: ``säljbudgeten`` → budget.
        The caller has made sure that the token is long and not a common word."""
        if not token.isalpha():
            return ()
        stems = (token, *bases(token))
        tails = [
            stem[-size:]
            for stem in stems
            for size in self.tails.get(stem[-3:], ())
            if len(stem) - size >= MIN_COMPOUND_HEAD and stem[-size:] in self.single
        ]
        if not tails:
            return ()
        idiom = self._inflected_idiom(stems)
        if idiom:
            return idiom
        head = max(tails, key=len)
        return tuple(Hit(e, Match.COMPOUND, 90.0) for e in self.single[head])

    def _inflected_idiom(self, stems: tuple[str, ...]) -> tuple[Hit, ...]:
        """A one-word idiom the token inflects (``lönekontot``): it is the token's word, not
        the term at its end. Idioms have no heads of their own (see ``TermIndex.build``), so
        their inflections come here, where a term's compound would otherwise be found."""
        for stem in stems[1:]:
            entries = self.single.get(stem, ())
            if entries and entries[0].kind is EntryKind.IDIOM:
                return tuple(Hit(e, Match.INFLECTION, 100.0) for e in entries)
        return ()

    def _near(self, stem: str) -> bool:
        """Whether ``stem`` keeps what a near miss of some indexed word keeps (`_near_keys`)."""
        keys, size = self.near_keys, chr(len(stem))
        if stem[:2] + "|" + stem[-2:] + size in keys:
            return True
        for kept in _kept_around(len(stem)):
            if stem[:kept] + "<" + size in keys or ">" + stem[-kept:] + size in keys:
                return True
        return False

    def misspelled(self, token: str) -> tuple[Hit, ...]:
        """A near miss of a label or form, also inflected (``kampnajen``). The caller has made
        sure that the token is long enough and not a common word."""
        if not token.isalpha():
            return ()
        stems = [t for t in (token, *bases(token)) if _fuzzy_length(t) and self._near(t)]
        if not stems:
            return ()
        near = sorted(
            found
            for stem in stems
            for found in self._near_words(stem)
            # A base is already a guess: compare it with labels only, not with forms.
            if stem == token or self._is_label(found[1])
        )
        if not near:
            return ()
        distance, word, stem = near[0]
        score = round(100.0 * (1 - distance / max(len(word), len(stem))), 1)
        return tuple(Hit(e, Match.FUZZY, score) for e in self.single[word])

    def _is_label(self, word: str) -> bool:
        return any(e.kind is EntryKind.LABEL for e in self.single.get(word, ()))

    def _near_words(self, stem: str) -> Iterator[tuple[int, str, str]]:
        """(distance, word, stem) for indexed words one or two edits from ``stem``."""
        variants = {stem[:i] + stem[i + 1 :] for i in range(len(stem))}
        variants.add(stem)
        if self.deletes.keys().isdisjoint(variants):  # in C, over the few variants
            return
        candidates: set[str] = set()
        for variant in variants:
            found = self.deletes.get(variant)
            if found is not None:
                candidates.update((found,) if isinstance(found, str) else found)
        for word in candidates:
            if len(stem) < MIN_FUZZY and stem[0] != word[0]:
                continue
            distance = OSA.distance(stem, word)
            if 0 < distance <= _max_distance(word):
                yield distance, word, stem


def _near_keys(word: str) -> Iterator[str]:
    """What a near miss of ``word`` keeps, for each length it may have (one letter more or
    less): with at most d edits, the untouched start and end of the word together hold all but
    2d letters, so either both its first two and last two letters are kept, or its start or
    its end of all but 2d + 1 letters (`_kept`)."""
    kept = _kept(len(word))
    for length in range(len(word) - 1, len(word) + 2):
        size = chr(length)
        yield word[:2] + "|" + word[-2:] + size
        yield word[:kept] + "<" + size
        yield ">" + word[-kept:] + size


def _kept(length: int) -> int:
    """How long a start or end of a word of this length a near miss keeps, when it keeps
    fewer than two letters at the other end."""
    return length - 2 * _max_distance_of_length(length) - 1


@cache
def _kept_around(length: int) -> tuple[int, ...]:
    """The lengths `_kept` of the words one letter shorter, as long, or longer (at least 2)."""
    return tuple(sorted({k for n in range(length - 1, length + 2) if (k := _kept(n)) >= 2}))


def may_be_misspelled(token: str) -> bool:
    """Whether a token is long enough to be a misspelling, and short enough for it or a base
    (less an ending) to be one of an indexed word."""
    return MIN_FUZZY_TOKEN <= len(token) <= MAX_FUZZY_LENGTH + 1 + MAX_ENDING


def _fuzzy_length(stem: str) -> bool:
    """Whether a stem is as long as a near miss of an indexed word may be (one letter more
    or less than the word: see `_near_keys`)."""
    return MIN_FUZZY_TOKEN <= len(stem) <= MAX_FUZZY_LENGTH + 1


def _max_distance(word: str) -> int:
    return _max_distance_of_length(len(word))


def _max_distance_of_length(length: int) -> int:
    return 1 if length < 8 else 2


def _deletes(word: str) -> Iterator[str]:
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]
