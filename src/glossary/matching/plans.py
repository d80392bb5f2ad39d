"""Multiword plans: the multiword entries that may stand at one token, with quick tests of
the words next to it, so that a token anchoring many entries (*account* holds a hundred
idioms) tries only those its neighbours fit."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from glossary.matching.lookup import Entry
from glossary.matching.text import bases, inflections

__all__ = [
    "NO_PLAN",
    "Anchored",
    "MultiPlan",
    "agreeing",
    "next_word_forms",
    "plan_of",
    "unagreeing",
]


class Anchored(NamedTuple):
    """A multiword entry that may stand at a token: the anchor's place in the entry, and
    whether the token is the anchor word as written (else an inflection of the last word).
    A tuple: plans make thousands of them, and a frozen dataclass is slower to make."""

    entry: Entry
    anchor: int
    as_written: bool


@dataclass(frozen=True, slots=True)
class MultiPlan:
    """The multiword entries that may stand at one token, with quick tests of the words next
    to it: an entry with words after its anchor needs a next word that fits it (`fitting`),
    one with words before it needs the previous word to be one of theirs (`follows`).

    The tables hold the entries' words as written; a word of the text is looked up as each
    word it may agree with (`unagreeing`: a few lookups) rather than every entry's word under
    every agreement (most entries are English idioms, for which agreement means nothing)."""

    entries: tuple[Anchored, ...]
    #: The words before the anchor, as written.
    previous_words: frozenset[str] = frozenset()
    #: The entries anchored at their last word (they need no next word), by their word
    #: before the anchor as written.
    last_anchored: dict[str, tuple[Anchored, ...]] = field(default_factory=dict)
    #: The entries each next word seen so far fits: a token anchoring many idioms (*account*)
    #: tries only those, and the plan costs nothing for words that never follow it.
    fits: dict[str, tuple[Anchored, ...]] = field(default_factory=dict)
    #: Where in ``entries`` the entries are whose next word is this word as written (empty
    #: when no entry has words after its anchor), and whose next word, their last, is this
    #: base (it may inflect).
    by_next: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_last_next: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def fitting(self, following: str) -> tuple[Anchored, ...]:
        """The entries with words after their anchor whose next word ``following`` may be:
        a few dictionary lookups per new next word, however many entries the token anchors."""
        found = self.fits.get(following)
        if found is None:
            places: set[int] = set()
            for word in unagreeing(following):
                places.update(self.by_next.get(word, ()))
            if self.by_last_next:
                for base in bases(following):
                    places.update(self.by_last_next.get(base, ()))
            found = self.fits[following] = tuple(self.entries[i] for i in sorted(places))
        return found

    def follows(self, previous: str) -> bool:
        """Whether ``previous`` may be the word before the anchor of some entry."""
        return any(word in self.previous_words for word in unagreeing(previous))

    def ending_after(self, previous: str) -> tuple[Anchored, ...]:
        """The entries anchored at their last word whose word before may be ``previous``."""
        found: tuple[Anchored, ...] = ()
        for word in unagreeing(previous):
            found += self.last_anchored.get(word, ())
        return found


def plan_of(entries: tuple[Anchored, ...]) -> MultiPlan:
    """The plan of these entries, with its tables of the words before and after."""
    previous: set[str] = set()
    last: dict[str, list[Anchored]] = {}
    by_next: dict[str, list[int]] = {}
    by_last_next: dict[str, list[int]] = {}
    for place, anchored in enumerate(entries):
        words, anchor = anchored.entry.words, anchored.anchor
        if anchor:
            previous.add(words[anchor - 1])
            if anchor == len(words) - 1:
                last.setdefault(words[anchor - 1], []).append(anchored)
        if anchor + 1 < len(words):
            by_next.setdefault(words[anchor + 1], []).append(place)
            if anchor + 2 == len(words):
                by_last_next.setdefault(words[anchor + 1], []).append(place)
    return MultiPlan(
        entries,
        frozenset(previous),
        {word: tuple(found) for word, found in last.items()},
        by_next={word: tuple(places) for word, places in by_next.items()},
        by_last_next={word: tuple(places) for word, places in by_last_next.items()},
    )


NO_PLAN = MultiPlan(entries=())


@lru_cache(maxsize=1 << 14)
def agreeing(word: str) -> frozenset[str]:
    """A word inside a multiword term, as written or with Swedish adjective agreement:
    ``kvalificerad lead`` → ``kvalificerade leads``, ``kvalificerat lead``."""
    forms = {word, word + "e", word + "a", word + "t"}
    if word.endswith("d"):
        forms.add(word[:-1] + "t")
    return frozenset(forms)


@lru_cache(maxsize=1 << 14)
def unagreeing(token: str) -> tuple[str, ...]:
    """The words whose `agreeing` forms hold ``token``: itself, and less an agreement
    ending (``kvalificerade``, ``kvalificerat`` → ``kvalificerad``)."""
    found = [token]
    if len(token) > 1 and token[-1] in "eat":
        found.append(token[:-1])
        if token[-1] == "t":
            found.append(token[:-1] + "d")
    return tuple(found)


@lru_cache(maxsize=1 << 14)
def next_word_forms(words: tuple[str, ...], anchor: int) -> frozenset[str]:
    """What may follow the anchor of a multiword entry: the next word agreeing, and if it is
    the last word, also inflected."""
    wanted = words[anchor + 1]
    if anchor + 2 == len(words):
        return agreeing(wanted) | inflections(wanted)
    return agreeing(wanted)
