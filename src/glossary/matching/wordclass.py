"""Word class: an English verb use of a noun term (*she will lead*) is not the term."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.matching.context import Context
    from glossary.matching.spans import Span


def not_the_noun(context: Context, span: Span) -> bool:
    """True when the words around say the span is a verb and the term is meant as a noun."""
    return False
