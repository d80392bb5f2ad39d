"""Pages of a list: keyset pagination over sorted keys, and newest-first pages of rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from glossary.errors import InvalidInput

MAX_PAGE = 100
INVALID_CURSOR = "invalid cursor: pass next_cursor from the previous page"


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list and the key of its last item when more follow (None on the last)."""

    items: list[Any]
    next_key: list[Any] | None


def paginate(
    keyed: Sequence[tuple[list[Any], Any]], *, limit: int, after: list[Any] | None
) -> Page:
    """Keyset pagination over items sorted by key: the page after the key ``after``."""
    items = keyed
    if after is not None:
        try:
            items = [pair for pair in keyed if pair[0] > after]
        except TypeError:
            raise InvalidInput(INVALID_CURSOR) from None
    page = items[:limit]
    more = len(items) > limit
    return Page(
        items=[item for _, item in page],
        next_key=list(page[-1][0]) if more and page else None,
    )


def id_page(pairs: Sequence[tuple[int, Any]], *, limit: int) -> Page:
    """A newest-first page from up to ``limit + 1`` (row id, item) pairs."""
    more = len(pairs) > limit
    return Page(
        items=[item for _, item in pairs[:limit]],
        next_key=[pairs[limit - 1][0]] if more else None,
    )
