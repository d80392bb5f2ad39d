"""Pages of a list and the keyset cursors between them."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from glossary.errors import (
    InvalidInput,
)
from glossary.inputs import MAX_INT, load_json

MAX_PAGE = 100


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list and the cursor of the next one (None on the last page)."""

    items: list[Any]
    next_cursor: str | None


def _encode_cursor(key: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = load_json(base64.urlsafe_b64decode(padded.encode()))
    except ValueError:  # also nested too deeply, or not UTF-8
        raise InvalidInput("invalid cursor: pass next_cursor from the previous page") from None
    if not isinstance(key, list):
        raise InvalidInput("invalid cursor: pass next_cursor from the previous page")
    return key


def paginate(keyed: Sequence[tuple[list[Any], Any]], *, limit: int, cursor: str | None) -> Page:
    """Keyset pagination over items sorted by key: the page after ``cursor``."""
    items = keyed
    if cursor is not None:
        after = _decode_cursor(cursor)
        try:
            items = [pair for pair in keyed if pair[0] > after]
        except TypeError:
            raise InvalidInput("invalid cursor: pass next_cursor from the previous page") from None
    page = items[:limit]
    more = len(items) > limit
    return Page(
        items=[item for _, item in page],
        next_cursor=_encode_cursor(page[-1][0]) if more and page else None,
    )


def id_cursor(cursor: str | None) -> int | None:
    """The row id a keyset cursor of a newest-first list points after (None: the first page)."""
    if cursor is None:
        return None
    after = _decode_cursor(cursor)
    if len(after) != 1 or type(after[0]) is not int or not 0 < after[0] <= MAX_INT:
        raise InvalidInput("invalid cursor: pass next_cursor from the previous page")
    return after[0]


def id_page(pairs: Sequence[tuple[int, Any]], *, limit: int) -> Page:
    """A newest-first page from up to ``limit + 1`` (row id, item) pairs."""
    more = len(pairs) > limit
    return Page(
        items=[item for _, item in pairs[:limit]],
        next_cursor=_encode_cursor([pairs[limit - 1][0]]) if more else None,
    )
