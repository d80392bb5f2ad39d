"""TermIndex: every label, form and prefer wording of the approved terms, ready for lookup.

Cost model: building is linear in the number of words of the glossary. Scanning looks at
each *distinct* token of a text once per index (the analysis is cached), so a corpus costs
about one regex pass plus a dictionary lookup per new word type; misspelling lookup goes
through a deletion index, never through all terms.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import cached_property

from glossary.matching.idioms import IDIOMS
from glossary.matching.lookup import (
    MIN_COMPOUND_HEAD,
    MIN_COMPOUND_TAIL,
    Entry,
    EntryKind,
    Hit,
    WordLookup,
    may_be_misspelled,
)
from glossary.matching.meaning import clear_cue_caches
from glossary.matching.model import Glossary, Status, Term
from glossary.matching.names import Ignored, ignored_names
from glossary.matching.plans import (
    NO_PLAN,
    Anchored,
    MultiPlan,
    agreeing,
    next_word_forms,
    plan_of,
    unagreeing,
)
from glossary.matching.text import WORD, CommonWords, bases, clear_caches, words

#: The owner of idiom entries: no term; an idiom only blocks labels inside it.
IDIOM_TERM = Term(id="", labels={}, meanings=())
#: Distinct tokens remembered per index before the caches start afresh...
MAX_CACHED_TOKENS = 500_000
#: ... or characters of them: a text of long distinct words would otherwise keep megabytes
#: per request until it reached the token count.
MAX_CACHED_CHARS = 8_000_000


class TermIndex(WordLookup):
    """Lookup structures over the approved terms of a glossary; thread-safe to share."""

    def __init__(self, glossary: Glossary, common: CommonWords | None = None) -> None:
        super().__init__(common)
        self.glossary = glossary
        #: The names to ignore, by each of their folded words (see `names.in_name`).
        self.ignored: dict[str, tuple[Ignored, ...]] = ignored_names(glossary)
        #: Multiword entries by their anchor word, with the anchor's place in the entry.
        self.multi: dict[str, list[tuple[Entry, int]]] = {}
        #: The most words a multiword entry has before its anchor: how far back from where
        #: it is found a match may start.
        self.words_before_anchor = 0
        #: What every inflection of an indexed word starts with (see `_head`): most words of
        #: a text start otherwise and are dismissed without looking for endings.
        self.heads: set[str] = set()
        self._hits: dict[str, tuple[Hit, ...]] = {}
        self._plans: dict[str, MultiPlan] = {}
        self._written_plans: dict[str, MultiPlan] = {}
        self._inflected_plans: dict[str, MultiPlan] = {}
        self._fuzzy: dict[str, tuple[Hit, ...]] = {}
        self._chunks: dict[str, tuple[str, ...]] = {}
        self._learned: set[str] = set()
        self._learned_fuzzy: set[str] = set()
        self._cached_chars = 0
        self.chunks: set[str] = set()
        self.fuzzy_chunks: set[str] = set()
        self.interesting: set[str] = set()
        self.fuzzy_interesting: set[str] = set()
        self._lock = threading.Lock()

    @classmethod
    def build(cls, glossary: Glossary, common: CommonWords | None = None) -> TermIndex:
        """Index every approved term's labels, forms and prefer wordings."""
        index = cls(glossary, common)
        entries = [e for t in glossary.terms if t.status is Status.APPROVED for e in _entries(t)]
        for entry in entries:
            if len(entry.words) == 1:
                index.add(entry)
        idioms = list(index._idioms({entry.words for entry in entries}))
        for _, entry in idioms:
            if len(entry.words) == 1:  # a compound (lönekonto) blocks the label in its head
                index.add(entry)
        # An English idiom's words take no Swedish agreement.
        unagreed = {entry for language, entry in idioms if language == "en"}
        for entry in [*entries, *(entry for _, entry in idioms)]:
            if len(entry.words) > 1:
                anchor = index._anchor(entry.words)
                index.words_before_anchor = max(index.words_before_anchor, anchor)
                word = entry.words[anchor]
                # The last word is also found inflected; any other as written or agreeing.
                last = anchor == len(entry.words) - 1
                keys = (word,) if last or entry in unagreed else agreeing(word)
                for key in keys:
                    index.multi.setdefault(key, []).append((entry, anchor))
        index.single = dict(index.single)
        # A one-word idiom is found inflected or inside a longer compound by `compound`, and
        # only where a term's word would be: its own heads would send many more of a text's
        # words to the inflection tests.
        own_words = (
            word for word, found in index.single.items() if found[0].kind is not EntryKind.IDIOM
        )
        index.heads = {_head(word) for word in (*own_words, *index.multi)}
        index.interesting = set(index.single) | set(index.multi)
        index.fuzzy_interesting = set(index.interesting)
        return index

    def _idioms(self, own: set[tuple[str, ...]]) -> Iterator[tuple[str, Entry]]:
        """Everyday phrases that hold one of this glossary's words (the rest cannot matter),
        except the glossary's own wordings, with their language."""
        for language, phrases in IDIOMS.items():
            for phrase in phrases:
                found = words(phrase)
                if found in own or not (
                    any(word in self.single for word in found)
                    or any(self._holds_term(word) for word in found)
                ):
                    continue
                yield (
                    language,
                    Entry(term=IDIOM_TERM, kind=EntryKind.IDIOM, words=found, text=phrase),
                )

    def _holds_term(self, word: str) -> bool:
        """A glossary word, as written, inflected or as a compound's head."""
        return word in self.single or bool(self.inflected(word) or self.compound(word))

    def _anchor(self, words: tuple[str, ...]) -> int:
        """Where to look for a multiword entry: at a word that is a term of its own (looked at
        anyway), else at its rarest word (*sales* and *customer* stand everywhere), the last
        of equals (it may inflect, so it is found in more forms)."""
        own = [i for i, word in enumerate(words) if word in self.single]
        if len(own) == 1:  # most idioms: no need to weigh the words
            return own[0]
        return max(
            own or range(len(words)),
            key=lambda i: (-self.common.frequency(words[i]), i),
        )

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

    def knows(self, word: str) -> bool:
        """Whether a lower-case word is a glossary word, inflected or as a compound's head,
        or a word of a multiword entry."""
        return bool(
            self.analyze(word, fuzzy=False)
            or self.multi_plan(word).entries
            or word in self._multiword_words
        )

    @cached_property
    def _multiword_words(self) -> frozenset[str]:
        return frozenset(w for found in self.multi.values() for e, _ in found for w in e.words)

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
                results[token] = self.exact(token)
                hot.append(token)
                continue
            if self._may_inflect(token):
                found = self.inflected(token)
                if found:
                    results[token] = found
                    hot.append(token)
                    continue
                if self.multi_plan(token).entries:
                    hot.append(token)
            if len(token) >= MIN_COMPOUND_HEAD + MIN_COMPOUND_TAIL:
                long.append(token)
        for token in self.common.uncommon(long):
            found = self.compound(token)
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
            for token in self.common.uncommon(t for t in tokens if may_be_misspelled(t))
            if (found := self.misspelled(token))
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
        parts = [self._key_plan(token, written=True)]
        if self._may_inflect(token):
            parts += [self._key_plan(base, written=False) for base in bases(token)]
        found = [part for part in parts if part.entries]
        if len(found) > 1:
            return plan_of(tuple(anchored for part in found for anchored in part.entries))
        return found[0] if found else NO_PLAN

    def _key_plan(self, key: str, *, written: bool) -> MultiPlan:
        """The plan of the entries at one key of `multi`: all of them for a token written so
        (``written``), else those anchored at their last word, which a token inflecting the
        key may end (cached per key: the inflections of a word share it)."""
        found = self.multi.get(key)
        if not found:
            return NO_PLAN
        plans = self._written_plans if written else self._inflected_plans
        plan = plans.get(key)
        if plan is None:
            anchored = tuple(
                Anchored(entry, anchor, written and key == entry.words[anchor])
                for entry, anchor in found
                if written or anchor == len(entry.words) - 1
            )
            plan = plans[key] = plan_of(anchored) if anchored else NO_PLAN
        return plan

    def _forget(self) -> None:
        """Keep memory flat in a long-running server: start the caches afresh."""
        with self._lock:
            self._hits, self._fuzzy, self._chunks, self._plans = {}, {}, {}, {}
            # The plans' tables of next words grow with the words that followed them.
            self._written_plans, self._inflected_plans = {}, {}
            self._learned, self._learned_fuzzy = set(), set()
            self._cached_chars = 0
            self.chunks, self.fuzzy_chunks = set(), set()
            self.interesting = set(self.single) | set(self.multi)
            self.fuzzy_interesting = set(self.interesting)


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
    clear_cue_caches()
    for cached in (agreeing, next_word_forms, unagreeing):
        cached.cache_clear()


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
