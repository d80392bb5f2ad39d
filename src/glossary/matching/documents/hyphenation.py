"""Words hyphenated at a line end (``seg-`` / ``menten``), joined back into one word."""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterator

from glossary.matching.documents.offsets import Edit, Shift, rebuild

__all__ = ["join_hyphenated"]

#: A hyphen at a line end, and what starts the next line before its first word: indentation
#: and the ``>`` of quoted mail. The soft hyphen (U+00AD) is a place to break a word only: text
#: copied from a PDF or a web page keeps it where the line was broken.
_LINE_END_HYPHEN = re.compile(r"[-\u2010\u00ad]\r?\n[ \t]*(?:>[ \t]*)*")
_HYPHENS = ("-", "\u2010", "\u00ad")
_SOFT_HYPHEN = "\u00ad"
#: Longer halves are no word split by a writer or a mail client (nor worth looking at).
MAX_PART = 40
_PART_AFTER = re.compile(rf"[^\W\d_]{{1,{MAX_PART + 1}}}")
#: After a hanging hyphen the line goes on with a conjunction: ``kund-`` / ``och marknadsteam``.
_CONJUNCTIONS = frozenset(["och", "eller", "samt", "respektive", "resp", "and", "or", "nor", "to"])


def join_hyphenated(text: str, knows: Callable[[str], bool]) -> tuple[str, Shift | None]:
    """Join ``seg-`` / ``menten`` into ``segmenten`` where it was a word split at a line end.

    A lower-case letter must stand on both sides (``SMB-``, ``Q3-`` and ``Nord-`` /
    ``Amerika`` keep their real hyphen). The halves are joined when ``knows`` the whole
    word (``kund-`` / ``strategi``), or knows neither half (``be-`` / ``fintliga``); a
    compound with a real hyphen, ``pipeline-`` / ``related``, keeps the word it was made of.
    """
    # A single character is looked for far faster than two: most texts have no "\r".
    breaks = ("\n", "\r\n") if "\r" in text else ("\n",)
    endings = [h + b for h in _HYPHENS if h in text for b in breaks]
    endings = [ending for ending in endings if ending in text]
    if not endings:
        return text, None
    return rebuild(text, _edits(text, endings, knows))


def _edits(text: str, endings: list[str], knows: Callable[[str], bool]) -> Iterator[Edit]:
    for hyphen in _line_end_hyphens(text, endings):
        before = _part_before(text, hyphen.start())
        after = _PART_AFTER.match(text, hyphen.end())
        if not before or after is None or len(after.group()) > MAX_PART:
            continue
        if hyphen.group()[0] == _SOFT_HYPHEN or (
            _lower_both(before, after.group())
            and _joins(before.lower(), after.group().lower(), knows)
        ):
            yield hyphen.start(), hyphen.end(), ""


def _line_end_hyphens(text: str, endings: list[str]) -> Iterator[re.Match[str]]:
    """Each hyphen at a line end in text order, found by ``str.find`` in C (a regex search
    for them cost 35 ns a character, 3 % of a whole check)."""
    found = (_found(text, ending) for ending in endings)
    return heapq.merge(*found, key=lambda hyphen: hyphen.start())


def _found(text: str, ending: str) -> Iterator[re.Match[str]]:
    at = text.find(ending)
    while at >= 0:
        hyphen = _LINE_END_HYPHEN.match(text, at)
        if hyphen is not None:
            yield hyphen
        at = text.find(ending, at + len(ending))


def _part_before(text: str, hyphen: int) -> str:
    """The letters before the hyphen, or "" when they are too many or follow a digit."""
    start = hyphen
    while start > 0 and hyphen - start <= MAX_PART and text[start - 1].isalnum():
        start -= 1
    part = text[start:hyphen]
    return part if len(part) <= MAX_PART and part.isalpha() else ""


def _lower_both(before: str, after: str) -> bool:
    return before[-1].islower() and after[0].islower()


def _joins(before: str, after: str, knows: Callable[[str], bool]) -> bool:
    if after in _CONJUNCTIONS:
        return False
    return knows(before + after) or not (knows(before) or knows(after))
