"""Length-changing clean-ups of the scanned text: invisible characters in words, and NFC."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from glossary.matching.documents.offsets import Edit, Shift, rebuild, tight

__all__ = ["join_words", "normalize"]

_INVISIBLE_CHARS = "\u00ad\u200b\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")
_SHORT_RUN = 3
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def join_words(text: str) -> tuple[str, Shift | None]:
    """Drop soft hyphens and zero-width spaces inside words, which would split them."""
    # One C-speed substring test per character: far faster than a regex over the text.
    if not any(char in text for char in _INVISIBLE_CHARS):
        return text, None
    edits = (
        (m.start(), m.end(), "")
        for m in _INVISIBLE.finditer(text)
        if m.start() and m.end() < len(text)
        if text[m.start() - 1].isalnum() and text[m.end()].isalnum()
    )
    return rebuild(text, edits)


def normalize(text: str) -> tuple[str, Shift | None]:
    """NFC, with a shift for each cluster that changed length."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text, None
    # NFC never combines across an ASCII character, so each non-ASCII run (with the one
    # ASCII character before it, which may take a combining mark) normalises on its own.
    edits: list[Edit] = []
    for run in _NON_ASCII_RUN.finditer(text):
        start = max(run.start() - 1, 0)
        chunk = text[start : run.end()]
        if not unicodedata.is_normalized("NFC", chunk):
            edits.extend(_run_edits(chunk, start))
    return rebuild(text, edits)


def _run_edits(run: str, start: int) -> Iterator[Edit]:
    """One edit for a short run (the usual ``a`` + ring above), else one per cluster."""
    if len(run) <= _SHORT_RUN:
        yield tight(start, run, unicodedata.normalize("NFC", run))
    else:
        yield from _cluster_edits(run, start)


def _cluster_edits(run: str, base: int) -> Iterator[Edit]:
    """NFC edits for the smallest pieces of a run that normalise independently."""
    pieces = _starter_pieces(run)
    start, current = 0, pieces[0]
    for piece in pieces[1:]:
        joined = current + piece
        if unicodedata.normalize("NFC", joined) == (
            unicodedata.normalize("NFC", current) + unicodedata.normalize("NFC", piece)
        ):
            yield from _nfc_edit(current, base + start)
            start, current = start + len(current), piece
        else:
            current = joined
    yield from _nfc_edit(current, base + start)


def _starter_pieces(run: str) -> list[str]:
    """The run cut before every starter (a character of combining class 0)."""
    pieces: list[str] = []
    for char in run:
        if pieces and unicodedata.combining(char):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def _nfc_edit(piece: str, start: int) -> Iterator[Edit]:
    normalized = unicodedata.normalize("NFC", piece)
    if normalized != piece:
        yield tight(start, piece, normalized)
