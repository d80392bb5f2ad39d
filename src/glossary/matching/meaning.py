"""The judge of meaning: which department's meaning the sentence around a word points at.

Today the evidence is the glossary's cue words and the departments' names in the same
sentence; the judge abstains unless one meaning has more of them than every other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from glossary.matching.model import Glossary, Meaning, Term
from glossary.matching.text import WORD, inflections, words

#: A department name this long counts also as the first part of a compound (``säljchefen``).
MIN_NAME_PREFIX = 4
#: How far a sentence reaches each way from the word at most.
SENTENCE_REACH = 400
#: What ends a sentence (". ", "! ", "? ", ".\n" or a blank line), and the same reversed.
_MARK = re.compile(r"[.!?] |\.\n|\n\n")
_MARK_REVERSED = re.compile(r" [.!?]|\n\.|\n\n")


@dataclass(frozen=True, slots=True)
class Cues:
    """Words and phrases that hint at one meaning, folded for lookup."""

    words: tuple[str, ...]
    phrases: tuple[str, ...]


class MeaningJudge:
    """Votes of cue words and department names for the meanings of one glossary's terms;
    thread-safe to share (its caches only ever gain the same values)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._cues: dict[int, Cues] = {}
        self._department_words: dict[str, tuple[str, ...]] = {}
        self._name_patterns: dict[str, re.Pattern[str]] = {}

    def likely_department(self, term: Term, folded: str, start: int, end: int) -> str | None:
        """The department whose cues and names dominate the sentence around the word at
        ``folded[start:end]``, or None when no meaning has more than every other."""
        if len(term.meanings) < 2:
            return None
        begin, stop = sentence(folded, start, end)
        around = folded[begin:start] + " " + folded[end:stop]
        found = set(WORD.findall(around))
        votes = sorted(
            ((self.votes(m, found, around), m.department) for m in term.meanings), reverse=True
        )
        if votes[0][0] > 0 and votes[0][0] > votes[1][0]:
            return votes[0][1]
        return None

    def votes(self, meaning: Meaning, found: set[str], sentence: str) -> int:
        """How many words of a sentence point at this meaning: its cues, also inflected
        (``found`` holds the sentence's words; each cue counts once), and its department's
        name, also as the first part of a compound (``säljchefen``)."""
        cues = self.cues(meaning)
        count = sum(1 for cue in cues.words if not cue_forms(cue).isdisjoint(found))
        if any(name in sentence for name in self.department_words(meaning.department)):
            count += len(self._names(meaning.department).findall(sentence))
        return count + sum(1 for phrase in cues.phrases if phrase in sentence)

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

    def _names(self, department_id: str) -> re.Pattern[str]:
        pattern = self._name_patterns.get(department_id)
        if pattern is None:
            names = self.department_words(department_id)
            prefixes = "|".join(re.escape(w) for w in names if len(w) >= MIN_NAME_PREFIX)
            whole = "|".join(re.escape(w) for w in names if len(w) < MIN_NAME_PREFIX)
            pattern = re.compile(
                rf"(?<![^\W_])(?:(?:{prefixes or '(?!)'})|(?:{whole or '(?!)'})(?![^\W_]))"
            )
            self._name_patterns[department_id] = pattern
        return pattern


def sentence(folded: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around [start, end), at most ``SENTENCE_REACH`` each way."""
    low, high = max(0, start - SENTENCE_REACH), min(len(folded), end + SENTENCE_REACH)
    # The nearest mark before is the first one in the reversed text before the word.
    before = _MARK_REVERSED.search(folded[low:start][::-1])
    after = _MARK.search(folded, end, high)
    return (start - before.start() if before else low), (after.start() if after else high)


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


def clear_cue_caches() -> None:
    """Forget what the cue caches learned, as in a fresh process."""
    _cues.cache_clear()
    cue_forms.cache_clear()
