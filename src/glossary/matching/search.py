"""Search terms by what a person types: exact, prefix, misspelled and definition-word matches."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from rapidfuzz import process
from rapidfuzz.distance import OSA

from glossary.matching.model import Term
from glossary.matching.text import fold

__all__ = ["TermSearch"]

# Combining marks count as letters so that text NFC cannot compose keeps its accents in-word.
_WORD = re.compile(r"[\w\u0300-\u036f]+")

#: A term id and its score.
Hit = tuple[str, float]
#: A score band as (floor, span): a match scores floor + span × closeness (0–1).
Band = tuple[float, float]
#: Bands for a match on a label and on a form or prefer wording, indexed by the kinds below.
Bands = tuple[Band, Band]

# Plain ints rather than an enum: the index holds one small dict per name, and dicts of
# only strings and ints are left alone by the garbage collector, which keeps building fast.
_LABEL = 0
_OTHER = 1  # a form or a prefer wording

# Each band's top stays below the floor of the band above, so stronger evidence always
# outranks weaker evidence (the table is in TermSearch's docstring).
_EXACT: Bands = ((100.0, 0.0), (80.0, 0.0))
_PREFIX: Bands = ((90.0, 9.0), (74.0, 5.0))
_WORD_PREFIX: Bands = ((85.0, 4.0), (70.0, 4.0))
# 75 × similarity, which is at least 0.75 within the typo budget, less a penalty per kind.
_FUZZY: Bands = ((0.0, 75.0), (-3.0, 75.0))
_FUZZY_WORD: Bands = ((-2.0, 75.0), (-5.0, 75.0))
_DEFINITION: Band = (20.0, 25.0)
_DEFINITION_PREFIX_WEIGHT = 0.6  # a definition word that only starts with the query word
_MIN_LENGTH = 2  # shorter queries get exact and prefix matches of names only
_MIN_PREFIX_LENGTH = 3  # letters a query word needs before definition words may extend it


def _words(text: str) -> list[str]:
    """The words of a text, folded as the checker folds them; hyphens and punctuation
    separate."""
    return _WORD.findall(fold(text))


def _max_edits(length: int) -> int:
    """Typos tolerated in a query of this many letters: none below 4, one below 8, else two."""
    return 0 if length < 4 else 1 if length < 8 else 2


def _score(band: Band, closeness: float) -> float:
    """A score inside a band, higher the closer the match (0–1)."""
    floor, span = band
    return floor + span * min(closeness, 1.0)


def _with_prefix(ordered: Sequence[str], prefix: str) -> Iterator[str]:
    """The strings of a sorted sequence that start with prefix."""
    for i in range(bisect_left(ordered, prefix), len(ordered)):
        if not ordered[i].startswith(prefix):
            return
        yield ordered[i]


def _names(term: Term) -> Iterator[tuple[str, int]]:
    """Every label, then every form and prefer wording, of a term in all languages."""
    for label in chain.from_iterable(term.labels.values()):
        yield label, _LABEL
    prefer = (meaning.prefer.values() for meaning in term.meanings)
    for other in chain.from_iterable(chain(term.forms.values(), *prefer)):
        yield other, _OTHER


def _definitions(term: Term) -> Iterator[str]:
    """Every definition of a term, of all meanings and languages."""
    for meaning in term.meanings:
        yield from meaning.definition.values()


class TermSearch:
    """A search index over terms, built once per glossary version.

    A query is folded like the indexed text (NFC, case-folded, words joined without the spaces
    and hyphens between them, so "kund strategi" equals "kundstrategi") and each term scores
    the best of these kinds of evidence, best first:

    ============================================  ==========
    exact label                                   100
    label starts with the query                   90–99
    every query word starts a word of a label     85–89
    exact form or prefer wording                  80
    form or prefer wording starts with the query  74–79
    every query word starts a word of one         70–74
    label, form or prefer within a few typos      51–75
    definition words equal / start with query     20–45
    ============================================  ==========

    Within a band, the closer the match (share of the name typed, fewer typos per letter, share
    of query words found) the higher. Typos are Damerau (OSA) edits: none for queries under 4
    letters, one under 8, two from 8; accents count, so "intaktsbudget" finds "intäktsbudget"
    as a typo. Queries under 2 letters get prefix matches only.

    Cost: building is linear in the text of the terms, mostly tokenizing definitions: about
    0.3–0.4 s for 10,000 terms with one or two meanings defined in two languages, twice that
    for twice the text. A query bisects the sorted names and words for exact and prefix matches
    and runs one rapidfuzz OSA pass, with a cutoff, over only those distinct names and name
    words whose length is within the typo budget, never over definitions: under 1 ms typical
    and 2 ms at most for 10,000 terms, up to a few ms for a first letter matching thousands.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        kinds: defaultdict[str, dict[str, int]] = defaultdict(dict)
        names_by_word: defaultdict[str, set[str]] = defaultdict(set)
        terms_by_word: defaultdict[str, list[str]] = defaultdict(list)
        for term in terms:
            _add_names(term, kinds, names_by_word)
            _add_definitions(term, terms_by_word)
        self._kinds = dict(kinds)
        self._names_by_word = dict(names_by_word)
        self._terms_by_definition_word = dict(terms_by_word)
        self._sorted_names = sorted(kinds)
        self._sorted_name_words = sorted(names_by_word)
        self._sorted_definition_words = sorted(terms_by_word)
        # By length, so that a query meets only the choices its typo budget can reach.
        self._choices = sorted(kinds.keys() | names_by_word.keys(), key=len)

    def search(self, query: str, *, limit: int | None = None) -> list[tuple[str, float]]:
        """Term ids with a score 0–100, best first (ties by id), only relevant ones."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must not be negative, got {limit}")
        query_words = _words(query)
        compact = "".join(query_words)
        if not compact:
            return []
        hits = chain(
            self._exact(compact), self._prefixes(compact), self._word_prefixes(query_words)
        )
        if len(compact) >= _MIN_LENGTH:
            hits = chain(hits, self._fuzzy(compact), self._in_definitions(query_words))
        return _ranked(hits)[:limit]

    def _name_hits(self, name: str, bands: Bands, closeness: float) -> Iterator[Hit]:
        """The terms owning a name, each scored in the band of the kind it has there."""
        for term_id, kind in self._kinds[name].items():
            yield term_id, _score(bands[kind], closeness)

    def _exact(self, compact: str) -> Iterator[Hit]:
        """Terms with a label, form or prefer wording equal to the query."""
        if compact in self._kinds:
            yield from self._name_hits(compact, _EXACT, 1.0)

    def _prefixes(self, compact: str) -> Iterator[Hit]:
        """Terms with a longer name that starts with the query, closer the more is typed."""
        for name in _with_prefix(self._sorted_names, compact):
            if name != compact:
                yield from self._name_hits(name, _PREFIX, len(compact) / len(name))

    def _word_prefixes(self, query_words: list[str]) -> Iterator[Hit]:
        """Terms with a name of several words, each query word starting one of them."""
        typed = sum(map(len, query_words))
        for name in self._names_with_all(query_words):
            yield from self._name_hits(name, _WORD_PREFIX, typed / len(name))

    def _names_with_all(self, query_words: list[str]) -> set[str]:
        """The names of several words in which each query word starts at least one word."""
        found: set[str] | None = None
        for query_word in query_words:
            matching = _with_prefix(self._sorted_name_words, query_word)
            names = set().union(*(self._names_by_word[word] for word in matching))
            found = names if found is None else found & names
            if not found:
                break
        return found or set()

    def _fuzzy(self, compact: str) -> Iterator[Hit]:
        """Terms with a name, or a word of one, within a few typos of the query."""
        edits = _max_edits(len(compact))
        if not edits:
            return
        start = bisect_left(self._choices, len(compact) - edits, key=len)
        end = bisect_right(self._choices, len(compact) + edits, key=len)
        matches = process.extract(
            compact, self._choices[start:end], scorer=OSA.distance, score_cutoff=edits, limit=None
        )
        for choice, distance, _ in matches:
            similarity = 1 - distance / max(len(compact), len(choice))
            yield from self._fuzzy_hits(choice, similarity)

    def _fuzzy_hits(self, choice: str, similarity: float) -> Iterator[Hit]:
        """The terms behind a fuzzy choice: a whole name, or a word of longer names."""
        if choice in self._kinds:
            yield from self._name_hits(choice, _FUZZY, similarity)
        for name in self._names_by_word.get(choice, ()):
            yield from self._name_hits(name, _FUZZY_WORD, similarity)

    def _in_definitions(self, query_words: list[str]) -> Iterator[Hit]:
        """Terms whose definitions hold the query words, closer the more of them."""
        totals: defaultdict[str, float] = defaultdict(float)
        for i, query_word in enumerate(query_words):
            typing = i == len(query_words) - 1
            for term_id, weight in self._definition_weights(query_word, typing=typing).items():
                totals[term_id] += weight
        for term_id, total in totals.items():
            yield term_id, _score(_DEFINITION, total / len(query_words))

    def _definition_weights(self, query_word: str, *, typing: bool) -> dict[str, float]:
        """Terms with a definition word equal to the word (1) or, while typing, starting it."""
        weights: dict[str, float] = {}
        if typing and len(query_word) >= _MIN_PREFIX_LENGTH:
            for word in _with_prefix(self._sorted_definition_words, query_word):
                terms = self._terms_by_definition_word[word]
                weights.update(dict.fromkeys(terms, _DEFINITION_PREFIX_WEIGHT))
        exact = self._terms_by_definition_word.get(query_word, ())
        weights.update(dict.fromkeys(exact, 1.0))
        return weights


def _add_names(
    term: Term, kinds: defaultdict[str, dict[str, int]], by_word: defaultdict[str, set[str]]
) -> None:
    """Index a term's names by their folded text, and those of several words by each word."""
    for text, kind in _names(term):
        name_words = _words(text)
        name = "".join(name_words)
        kinds[name].setdefault(term.id, kind)  # labels come first, so they win
        if len(name_words) > 1:  # a one-word name is found whole, by prefix
            for word in name_words:
                by_word[word].add(name)


def _add_definitions(term: Term, by_word: defaultdict[str, list[str]]) -> None:
    """Index a term under each distinct word of its definitions."""
    for word in set(_words(" ".join(_definitions(term)))):
        by_word[word].append(term.id)


def _ranked(hits: Iterable[Hit]) -> list[Hit]:
    """Each term's best score, rounded, best first and ties by id."""
    best: dict[str, float] = {}
    for term_id, score in hits:
        best[term_id] = max(score, best.get(term_id, 0.0))
    return sorted(((t, round(s, 1)) for t, s in best.items()), key=lambda h: (-h[1], h[0]))
