"""Addresses and names of things written in prose: a term word inside one is not the term."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.matching.context import Context
    from glossary.matching.spans import Span


def in_technical(context: Context, span: Span) -> bool:
    """True when the span is part of an address, file name, code identifier or ticket key."""
    return False
