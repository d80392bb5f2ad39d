"""Words hyphenated at a line end (``seg-`` / ``menten``), joined back into one word."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from glossary.matching.documents.offsets import Edit, Shift, rebuild

__all__ = ["join_hyphenated"]

#: A hyphen after a letter at a line end, and what starts the next line before its first
#: word: indentation and the ``>`` of quoted mail.
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-\r?\n[ \t]*(?:>[ \t]*)*")
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
    if "-\n" not in text and "-\r\n" not in text:
        return text, None
    return rebuild(text, _edits(text, knows))


def _edits(text: str, knows: Callable[[str], bool]) -> Iterator[Edit]:
    for hyphen in _LINE_END_HYPHEN.finditer(text):
        before = _part_before(text, hyphen.start())
        after = _PART_AFTER.match(text, hyphen.end())
        if not before or after is None or not _lower_both(before, after.group()):
            continue
        if _joins(before.lower(), after.group().lower(), knows):
            yield hyphen.start(), hyphen.end(), ""


def _part_before(text: str, hyphen: int) -> str:
    """The letters before the hyphen, or "" when they are too many or follow a digit."""
    start = hyphen
    while start > 0 and hyphen - start <= MAX_PART and text[start - 1].isalnum():
        start -= 1
    part = text[start:hyphen]
    return part if len(part) <= MAX_PART and part.isalpha() else ""


def _lower_both(before: str, after: str) -> bool:
    return len(after) <= MAX_PART and before[-1].islower() and after[0].islower()


def _joins(before: str, after: str, knows: Callable[[str], bool]) -> bool:
    if after in _CONJUNCTIONS:
        return False
    return knows(before + after) or not (knows(before) or knows(after))
