"""TermIndex: every label, form and prefer wording of the approved terms, ready for lookup.

Cost model: building is linear in the number of words of the glossary. Scanning looks at
each *distinct* token of a text once per index (the analysis is cached), so a corpus costs
about one regex pass plus a dictionary lookup per new word type; misspelling lookup goes
through a deletion index, never through all terms.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from glossary.matching.idioms import IDIOMS
from glossary.matching.model import Glossary, Meaning, Status, Term
from glossary.matching.text import (
    MAX_ENDING,
    RISKY_SV_ENDINGS,
    SHORT_WORD,
    WORD,
    CommonWords,
    bases,
    clear_caches,
    inflection_bases,
    inflections,
    words,
)

#: A compound's first part must be at least this long (``sälj``+``budget``), its head too.
MIN_COMPOUND_HEAD = 3
MIN_COMPOUND_TAIL = 4
#: Misspellings are looked for only in tokens this long or longer.
MIN_FUZZY = 5
#: ... and only of words this long or shorter. A word has one one-letter deletion per letter,
#: so the deletion index holds about the square of a word's length in letters: a few KB for
#: 32 letters, where one 15,000-letter label took 240 MB. Real words stay well below it (the
#: long Swedish compound ``försäljningsorganisationen`` has 26 letters); longer labels are
#: codes or runs of letters, which are typed or pasted, not misspelled.
MAX_FUZZY_LENGTH = 32
#: The owner of idiom entries: no term; an idiom only blocks labels inside it.
IDIOM_TERM = Term(id="", labels={}, meanings=())
#: Distinct tokens remembered per index before the caches start afresh...
MAX_CACHED_TOKENS = 500_000
#: ... or characters of them: a text of long distinct words would otherwise keep megabytes
#: per request until it reached the token count.
MAX_CACHED_CHARS = 8_000_000


class EntryKind(StrEnum):
    """What an index entry is of its term."""

    LABEL = "label"
    FORM = "form"
    PREFER = "prefer"
    IDIOM = "idiom"


class Match(StrEnum):
    """How a text matched an entry."""

    EXACT = "exact"
    INFLECTION = "inflection"
    COMPOUND = "compound"
    FUZZY = "fuzzy"


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
class Cues:
    """Words and phrases that hint at one meaning, folded for lookup."""

    words: tuple[str, ...]
    phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Anchored:
    """A multiword entry that may stand at a token: the anchor's place in the entry, and
    whether the token is the anchor word as written (else an inflection of the last word)."""

    entry: Entry
    anchor: int
    as_written: bool


@dataclass(frozen=True, slots=True)
class MultiPlan:
    """The multiword entries that may stand at one token, with quick tests of the words next
    to it: an entry with words after its anchor needs the next word in ``next_words``, one
    with words before it needs the previous word in ``previous_words``."""

    entries: tuple[Anchored, ...]
    next_words: frozenset[str] = frozenset()
    previous_words: frozenset[str] = frozenset()
    #: The entries anchored at their last word: they need no next word.
    last_anchored: tuple[Anchored, ...] = ()


NO_PLAN = MultiPlan(entries=())


@dataclass(frozen=True, slots=True)
class Hit:
    """A single token matching a one-word entry."""

    entry: Entry
    match: Match
    score: float


class TermIndex:
    """Lookup structures over the approved terms of a glossary; thread-safe to share."""

    def __init__(self, glossary: Glossary, common: CommonWords | None = None) -> None:
        self.glossary = glossary
        self.common = common or CommonWords()
        self.single: dict[str, list[Entry]] = defaultdict(list)
        #: Multiword entries by their anchor word, with the anchor's place in the entry.
        self.multi: dict[str, list[tuple[Entry, int]]] = {}
        #: The most words a multiword entry has before its anchor: how far back from where
        #: it is found a match may start.
        self.words_before_anchor = 0
        self.tails: dict[str, set[int]] = defaultdict(set)
        #: Misspelling lookup: each word and its one-letter deletions → the word(s). A plain
        #: string where there is one (nearly always), since 10,000 terms give ~250k keys.
        self.deletes: dict[str, str | tuple[str, ...]] = {}
        #: What a near miss of those words keeps, for each length it may have (see
        #: `_near_keys`): most rare words of a text are dismissed with a few set lookups
        #: before the deletion index is asked.
        self.near_keys: set[str] = set()
        #: What every inflection of an indexed word starts with (see `_head`): most words of
        #: a text start otherwise and are dismissed without looking for endings.
        self.heads: set[str] = set()
        self._hits: dict[str, tuple[Hit, ...]] = {}
        self._plans: dict[str, MultiPlan] = {}
        self._fuzzy: dict[str, tuple[Hit, ...]] = {}
        self._chunks: dict[str, tuple[str, ...]] = {}
        self._learned: set[str] = set()
        self._learned_fuzzy: set[str] = set()
        self._cached_chars = 0
        self.chunks: set[str] = set()
        self.fuzzy_chunks: set[str] = set()
        self.interesting: set[str] = set()
        self.fuzzy_interesting: set[str] = set()
        self._cues: dict[int, Cues] = {}
        self._department_words: dict[str, tuple[str, ...]] = {}
        self._name_patterns: dict[str, re.Pattern[str]] = {}
        #: Finding texts by (term, language, kind, audience, sense): they repeat a lot.
        self.descriptions: dict[tuple[object, ...], Any] = {}
        self._lock = threading.Lock()

    @classmethod
    def build(cls, glossary: Glossary, common: CommonWords | None = None) -> TermIndex:
        """Index every approved term's labels, forms and prefer wordings."""
        index = cls(glossary, common)
        entries = [e for t in glossary.terms if t.status is Status.APPROVED for e in _entries(t)]
        for entry in entries:
            if len(entry.words) == 1:
                index._add(entry)
        for entry in [*entries, *index._idioms()]:
            if len(entry.words) > 1:
                anchor = index._anchor(entry.words)
                index.words_before_anchor = max(index.words_before_anchor, anchor)
                word = entry.words[anchor]
                # The last word is also found inflected; any other as written or agreeing.
                keys = (word,) if anchor == len(entry.words) - 1 else agreeing(word)
                for key in keys:
                    index.multi.setdefault(key, []).append((entry, anchor))
        index.single = dict(index.single)
        index.heads = {_head(word) for word in (*index.single, *index.multi)}
        index.interesting = set(index.single) | set(index.multi)
        index.fuzzy_interesting = set(index.interesting)
        return index

    def _add_delete(self, variant: str, word: str) -> None:
        known = self.deletes.get(variant)
        if known is None:
            self.deletes[variant] = word
        elif isinstance(known, str):
            if known != word:
                self.deletes[variant] = (known, word)
        elif word not in known:
            self.deletes[variant] = (*known, word)

    def _idioms(self) -> Iterator[Entry]:
        """Everyday phrases that hold one of this glossary's words (the rest cannot matter)."""
        for phrases in IDIOMS.values():
            for phrase in phrases:
                found = words(phrase)
                if any(word in self.single for word in found):
                    yield Entry(term=IDIOM_TERM, kind=EntryKind.IDIOM, words=found, text=phrase)

    def _anchor(self, words: tuple[str, ...]) -> int:
        """Where to look for a multiword entry: at a word that is a term of its own (looked at
        anyway), else at its rarest word (*sales* and *customer* stand everywhere), the last
        of equals (it may inflect, so it is found in more forms)."""
        return max(
            range(len(words)),
            key=lambda i: (words[i] in self.single, -self.common.frequency(words[i]), i),
        )

    def _add(self, entry: Entry) -> None:
        word = entry.words[0]
        self.single[word].append(entry)
        if len(word) >= MIN_COMPOUND_TAIL:
            self.tails[word[-3:]].add(len(word))
        if entry.kind is not EntryKind.PREFER and MIN_FUZZY <= len(word) <= MAX_FUZZY_LENGTH:
            for variant in (word, *_deletes(word)):
                self._add_delete(variant, word)
            self.near_keys.update(_near_keys(word))

    def cues(self, meaning: Meaning) -> Cues:
        """A meaning's cues: one-word cues as a set, longer ones as folded phrases."""
        found = self._cues.get(id(meaning))
        if found is None:
            found = _cues(tuple(cue for cues in meaning.cues.values() for cue in cues))
            self._cues[id(meaning)] = found
        return found

    def department_words(self, department_id: str) -> tuple[str, ...]:
        """A department's id and names in every language, folded (cached)."""
        found = self._department_words.get(department_id)
        if found is None:
            department = self.glossary.department(department_id)
            names = [department_id, *(department.name.values() if department else ())]
            found = tuple(dict.fromkeys(" ".join(words(name)) for name in names))
            self._department_words[department_id] = found
        return found

    def votes(self, meaning: Meaning, found: set[str], sentence: str) -> int:
        """How many words of a sentence point at this meaning: its cues, also inflected
        (``found`` holds the sentence's words; each cue counts once), and its department's
        name, also as the first part of a compound (``säljchefen``)."""
        cues = self.cues(meaning)
        count = sum(1 for cue in cues.words if not cue_forms(cue).isdisjoint(found))
        if any(name in sentence for name in self.department_words(meaning.department)):
            count += len(self._names(meaning.department).findall(sentence))
        return count + sum(1 for phrase in cues.phrases if phrase in sentence)

    def _names(self, department_id: str) -> re.Pattern[str]:
        pattern = self._name_patterns.get(department_id)
        if pattern is None:
            words = self.department_words(department_id)
            prefixes = "|".join(re.escape(w) for w in words if len(w) >= MIN_COMPOUND_TAIL)
            whole = "|".join(re.escape(w) for w in words if len(w) < MIN_COMPOUND_TAIL)
            pattern = re.compile(
                rf"(?<![^\W_])(?:(?:{prefixes or '(?!)'})|(?:{whole or '(?!)'})(?![^\W_]))"
            )
            self._name_patterns[department_id] = pattern
        return pattern

    # ------------------------------------------------------------------ token analysis

    def analyze(self, token: str, *, fuzzy: bool) -> tuple[Hit, ...]:
        """How one folded token matches one-word entries (cached per distinct token)."""
        hits = self._hits.get(token)
        if hits is None:
            self._analyze({token})
            hits = self._hits[token]
        if not fuzzy or hits:
            return hits
        found = self._fuzzy.get(token)
        if found is None:
            self._misspell({token})
            found = self._fuzzy[token]
        return found

    def _may_inflect(self, token: str) -> bool:
        """Whether the token starts as an inflection of some indexed word would (see `_head`)."""
        heads = self.heads
        return token[:4] in heads or token[:3] in heads or token[:2] in heads or ":" in token

    def present(self, chunks: set[str], *, fuzzy: bool) -> set[str]:
        """The words worth a closer look in a text, given its distinct whitespace-separated
        chunks (``budgeten.``, ``(lead)``): new chunks are split into words and analyzed once,
        known ones cost a set operation in C."""
        if len(self._chunks) > MAX_CACHED_TOKENS or self._cached_chars > MAX_CACHED_CHARS:
            self._forget()
        learned = self._learned_fuzzy if fuzzy else self._learned
        new = chunks.difference(learned)
        if new:
            self._cached_chars += sum(map(len, new))
            self._learn(new, learned, fuzzy=fuzzy)
        hot = chunks & (self.fuzzy_chunks if fuzzy else self.chunks)
        words = self.fuzzy_interesting if fuzzy else self.interesting
        return {word for chunk in hot for word in self._chunks[chunk] if word in words}

    def _learn(self, chunks: Iterable[str], learned: set[str], *, fuzzy: bool) -> None:
        """Split new chunks into words, analyze the words never seen, and remember which
        chunks hold a word worth a look."""
        split = self._chunks
        pairs: list[tuple[str, tuple[str, ...]]] = []
        tokens: set[str] = set()
        for chunk in chunks:
            found = split.get(chunk)
            if found is None:
                # Most chunks are one plain word: no regex needed.
                found = split[chunk] = (chunk,) if chunk.isalpha() else tuple(WORD.findall(chunk))
            pairs.append((chunk, found))
            tokens.update(found)
        unseen = tokens.difference(self._hits)
        if unseen:
            self._analyze(unseen)
        if fuzzy:
            # One argument per call: with several, CPython walks every one after the first.
            unseen = tokens.difference(self.interesting).difference(self._fuzzy)
            if unseen:
                self._misspell(unseen)
        with self._lock:
            for chunk, found in pairs:
                if not self.interesting.isdisjoint(found):
                    self.chunks.add(chunk)
                    self.fuzzy_chunks.add(chunk)
                elif fuzzy and not self.fuzzy_interesting.isdisjoint(found):
                    self.fuzzy_chunks.add(chunk)
                learned.add(chunk)

    def _analyze(self, tokens: set[str]) -> None:
        """Exact, inflected and compound hits of new tokens; tokens with hits or anchoring a
        multiword entry become interesting. Cheap tests in C first: most words of a text are
        common words that start like no indexed word."""
        single = self.single
        results: dict[str, tuple[Hit, ...]] = {}
        hot: list[str] = []
        long: list[str] = []
        for token in tokens:
            if token in single:
                results[token] = self._exact(token)
                hot.append(token)
                continue
            if self._may_inflect(token):
                found = self._inflected(token)
                if found:
                    results[token] = found
                    hot.append(token)
                    continue
                if self.multi_plan(token).entries:
                    hot.append(token)
            if len(token) >= MIN_COMPOUND_HEAD + MIN_COMPOUND_TAIL:
                long.append(token)
        for token in self.common.uncommon(long):
            found = self._compound(token)
            if found:
                results[token] = found
                hot.append(token)
        with self._lock:
            self._hits.update(dict.fromkeys(tokens, ()))
            self._hits.update(results)
            self.interesting.update(hot)
            self.fuzzy_interesting.update(hot)

    def _misspell(self, tokens: set[str]) -> None:
        """Misspelling hits of tokens without other hits: never short or common words."""
        results = {
            token: found
            for token in self.common.uncommon(t for t in tokens if _may_be_misspelled(t))
            if (found := self._misspelled(token))
        }
        with self._lock:
            self._fuzzy.update(dict.fromkeys(tokens, ()))
            self._fuzzy.update(results)
            self.fuzzy_interesting.update(results)

    def multi_plan(self, token: str) -> MultiPlan:
        """The multiword entries anchored at this token or, for a last word, at a word it
        inflects (cached per distinct token)."""
        plan = self._plans.get(token)
        if plan is None:
            plan = self._plans[token] = self._plan(token)
        return plan

    def _plan(self, token: str) -> MultiPlan:
        keys = (token, *bases(token)) if self._may_inflect(token) else (token,)
        entries = tuple(
            Anchored(entry, anchor, token == entry.words[anchor])
            for key in keys
            for entry, anchor in self.multi.get(key, ())
            if key == token or anchor == len(entry.words) - 1
        )
        if not entries:
            return NO_PLAN
        following = [
            next_word_forms(a.entry.words, a.anchor)
            for a in entries
            if a.anchor + 1 < len(a.entry.words)
        ]
        previous = [agreeing(a.entry.words[a.anchor - 1]) for a in entries if a.anchor]
        last = tuple(a for a in entries if a.anchor == len(a.entry.words) - 1)
        return MultiPlan(entries, frozenset().union(*following), frozenset().union(*previous), last)

    def _forget(self) -> None:
        """Keep memory flat in a long-running server: start the caches afresh."""
        with self._lock:
            self._hits, self._fuzzy, self._chunks, self._plans = {}, {}, {}, {}
            self._learned, self._learned_fuzzy = set(), set()
            self._cached_chars = 0
            self.chunks, self.fuzzy_chunks = set(), set()
            self.interesting = set(self.single) | set(self.multi)
            self.fuzzy_interesting = set(self.interesting)

    def _exact(self, token: str) -> tuple[Hit, ...]:
        return tuple(
            Hit(e, Match.INFLECTION if e.kind is EntryKind.FORM else Match.EXACT, 100.0)
            for e in self.single.get(token, ())
        )

    def _inflected(self, token: str) -> tuple[Hit, ...]:
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

    def _compound(self, token: str) -> tuple[Hit, ...]:
        """A Swedish compound whose head is a one-word entry: ``säljbudgeten`` → budget.
        The caller has made sure that the token is long and not a common word."""
        if not token.isalpha():
            return ()
        tails = [
            stem[-size:]
            for stem in (token, *bases(token))
            for size in self.tails.get(stem[-3:], ())
            if len(stem) - size >= MIN_COMPOUND_HEAD and stem[-size:] in self.single
        ]
        if not tails:
            return ()
        head = max(tails, key=len)
        return tuple(Hit(e, Match.COMPOUND, 90.0) for e in self.single[head])

    def _near(self, stem: str) -> bool:
        """Whether ``stem`` keeps what a near miss of some indexed word keeps (`_near_keys`)."""
        keys, size = self.near_keys, chr(len(stem))
        if stem[:2] + "|" + stem[-2:] + size in keys:
            return True
        for kept in _kept_around(len(stem)):
            if stem[:kept] + "<" + size in keys or ">" + stem[-kept:] + size in keys:
                return True
        return False

    def _misspelled(self, token: str) -> tuple[Hit, ...]:
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
            distance = OSA.distance(stem, word)
            if 0 < distance <= _max_distance(word):
                yield distance, word, stem


@lru_cache(maxsize=1 << 12)
def _cues(texts: tuple[str, ...]) -> Cues:
    """Cues by their texts (cached: the same cues recur across meanings and index builds)."""
    folded = [words(cue) for cue in texts]
    return Cues(
        words=tuple(dict.fromkeys(w[0] for w in folded if len(w) == 1)),
        phrases=tuple(" ".join(w) for w in folded if len(w) > 1),
    )


@lru_cache(maxsize=1 << 14)
def cue_forms(cue: str) -> frozenset[str]:
    """A one-word cue and its inflections: any of them in a sentence counts as the cue."""
    return inflections(cue) | {cue}


@lru_cache(maxsize=1 << 14)
def agreeing(word: str) -> frozenset[str]:
    """A word inside a multiword term, as written or with Swedish adjective agreement:
    ``kvalificerad lead`` → ``kvalificerade leads``, ``kvalificerat lead``."""
    forms = {word, word + "e", word + "a", word + "t"}
    if word.endswith("d"):
        forms.add(word[:-1] + "t")
    return frozenset(forms)


@lru_cache(maxsize=1 << 14)
def next_word_forms(words: tuple[str, ...], anchor: int) -> frozenset[str]:
    """What may follow the anchor of a multiword entry: the next word agreeing, and if it is
    the last word, also inflected."""
    wanted = words[anchor + 1]
    if anchor + 2 == len(words):
        return agreeing(wanted) | inflections(wanted)
    return agreeing(wanted)


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


def _head(word: str) -> str:
    """What every inflection of ``word`` starts with: the word less its last letter (a
    Swedish ending may replace a final vowel: ``persona`` → ``personor``), at most four letters,
    and short words whole (``MQL`` → ``MQLs``)."""
    return word if len(word) <= 2 else word[: min(4, len(word) - 1)]


def clear_word_caches() -> None:
    """Forget what the module-level caches learned of words (inflections, agreement, cues), as
    in a fresh process: the benchmark calls this so that each pass costs what one
    ``glossary check`` run does."""
    clear_caches()
    for cached in (agreeing, next_word_forms, _cues, cue_forms):
        cached.cache_clear()


def _may_be_misspelled(token: str) -> bool:
    """Whether a token is long enough to be a misspelling, and short enough for it or a base
    (less an ending) to be one of an indexed word."""
    return MIN_FUZZY <= len(token) <= MAX_FUZZY_LENGTH + 1 + MAX_ENDING


def _fuzzy_length(stem: str) -> bool:
    """Whether a stem is as long as a near miss of an indexed word may be (one letter more
    or less than the word: see `_near_keys`)."""
    return MIN_FUZZY <= len(stem) <= MAX_FUZZY_LENGTH + 1


def _max_distance(word: str) -> int:
    return _max_distance_of_length(len(word))


def _max_distance_of_length(length: int) -> int:
    return 1 if length < 8 else 2


def _deletes(word: str) -> Iterator[str]:
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]


def _entries(term: Term) -> Iterator[Entry]:
    for kind, localized in ((EntryKind.LABEL, term.labels), (EntryKind.FORM, term.forms)):
        for texts in localized.values():
            for text in texts:
                if found := words(text):
                    yield Entry(term=term, kind=kind, words=found, text=text)
    for meaning in term.meanings:
        for texts in meaning.prefer.values():
            for text in texts:
                if found := words(text):
                    yield Entry(
                        term=term,
                        kind=EntryKind.PREFER,
                        words=found,
                        text=text,
                        department=meaning.department,
                    )
