"""The shape of a line of plain text, as a reader sees it before reading its words: a
header's ``Field Name: value``, a title-cased heading, a short heading of segments
(``Kundkort / Account card``, ``Översikt – Pipeline``) and the decoration runs that frame
a heading or start a list item (``=== Kundkort ===``, ``--- Aktivitetslogg ---``, ``>>``).

Each function reads one stretch of a line (at most a few hundred characters) once.
"""

from __future__ import annotations

import re

from glossary.matching.text import WORD

__all__ = [
    "DECORATION",
    "TITLE_WORDS",
    "after_separator",
    "field_name",
    "heading_segments",
    "is_title",
]

#: A header's field name is at most this long.
FIELD_NAME = 40
#: A title has at least this many words of four letters or more, all capitalised.
TITLE_WORDS = 2
#: Marks that plain text repeats to frame a heading or start an item (``---``, ``===``,
#: ``~~~``, ``***``, ``###``, ``>>``) or writes as a bullet (``•``, ``–``, ``—``, ``▪``).
DECORATION = frozenset("-–—=~*#>•·+_<▪►▶→‣◦●■")
#: Written between spaces in a heading, these part it into segments (``Kundkort / Account
#: card``); ``|`` already ends a stretch.
SEPARATORS = DECORATION | frozenset("/\\»")
#: A separator is a short run of marks: ``/``, ``–``, ``--``, ``>>``, ``::``.
SEPARATOR_RUN = 3
#: A segmented heading is short: at most this many characters and words.
HEADING_CHARS = 80
HEADING_WORDS = 8
#: Marks that tell running text from a heading: a sentence's end, a clause's comma.
PROSE = (". ", "! ", "? ", ", ", "; ", "… ")
SPACES = " \t\u00a0"


def field_name(stretch: str) -> int:
    """Where the value of a header line (``Fix Version / Target: 2025.11.2``) starts in it,
    or 0: a short field name of no sentence marks, a colon and a space. A Markdown heading
    is no header."""
    colon = stretch.find(": ", 0, FIELD_NAME + 1)
    if colon <= 0 or stretch.lstrip().startswith("#"):
        return 0
    return 0 if any(mark in stretch[:colon] for mark in ".!?,;") else colon + 2


def is_title(stretch: str) -> bool:
    """A title-cased heading: two or more long words, all capitalised, no sentence end."""
    stripped = stretch.rstrip()
    if not stripped or stripped[-1] in ".!?,":
        return False
    long = 0
    for word in WORD.finditer(stripped):  # running text fails at its first long word
        found = word.group()
        if len(found) >= 4 and found.isalpha():
            if not found[0].isupper():
                return False
            long += 1
    return long >= TITLE_WORDS


def after_separator(text: str, lo: int, start: int) -> bool:
    """Whether the word at ``start`` follows a separator between spaces (`` / ``, `` – ``,
    `` -- ``), maybe with an opening quote or bracket between; reads no further back than
    ``lo``."""
    i = start
    while i > lo and text[i - 1] in "\"'“”‘’«([{":
        i -= 1
    if i == lo or text[i - 1] not in SPACES:
        return False
    i -= 1
    run = i
    while run > lo and text[run - 1] in SEPARATORS and i - run <= SEPARATOR_RUN:
        run -= 1
    return 0 < i - run <= SEPARATOR_RUN and run > lo and text[run - 1] in SPACES


def heading_segments(stretch: str, value: int = 0) -> tuple[int, int]:
    """Where segments may start in a stretch of a line that reads as a heading of segments
    (``Kundkort / Account card``), from its value (``value``, in a header) up to its first
    long word in lower case, or (-1, -1) when it reads as running text. A heading is short,
    framed or not by decoration, has no comma or sentence mark inside and none at its end,
    and starts with a capital or a number; running text has a long word in lower case before
    its separator (``Vi jämförde HubSpot / Funnel``). A chat or log line's message is never
    a heading: its prefix holds a time or a bracket (``[09:19] Johan: Klart – Segment``)."""
    none = (-1, -1)
    if any(mark.isdigit() or mark in "[(<" for mark in stretch[:value]):
        return none
    inner = stretch[value:].strip(SPACES + "".join(DECORATION))
    if not inner or len(inner) > HEADING_CHARS or inner[-1] in ".!?,;:…":
        return none
    if any(mark in inner for mark in PROSE):
        return none
    words = list(WORD.finditer(stretch, value))
    if not words or len(words) > HEADING_WORDS:
        return none
    first = words[0].group()[0]
    return _lower(words, value) if first.isupper() or first.isdigit() else none


def _lower(words: list[re.Match[str]], value: int) -> tuple[int, int]:
    """From ``value`` to the first long word in lower case, or to the last word's end."""
    for word in words:
        found = word.group()
        if len(found) >= 4 and found.isalpha() and not found[0].isupper():
            return value, word.start()
    return value, words[-1].end()
