"""Keyset cursors: the opaque ``next_cursor`` of a page and the key it stands for."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

from glossary.errors import InvalidInput
from glossary.inputs import MAX_INT, load_json
from glossary.service.paging import INVALID_CURSOR, Page


def encode_cursor(key: Sequence[Any]) -> str:
    """The cursor of a key: URL-safe base64 of its JSON, unpadded."""
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> list[Any] | None:
    """The key a cursor stands for (None: the first page); 422 for anything else."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = load_json(base64.urlsafe_b64decode(padded.encode()))
    except ValueError:  # also nested too deeply, or not UTF-8
        raise InvalidInput(INVALID_CURSOR) from None
    if not isinstance(key, list):
        raise InvalidInput(INVALID_CURSOR)
    return key


def id_after(cursor: str | None) -> int | None:
    """The row id a cursor of a newest-first list points after (None: the first page)."""
    after = decode_cursor(cursor)
    if after is None:
        return None
    if len(after) != 1 or type(after[0]) is not int or not 0 < after[0] <= MAX_INT:
        raise InvalidInput(INVALID_CURSOR)
    return int(after[0])


def next_cursor(page: Page) -> str | None:
    """The cursor of the page after ``page`` (None on the last page)."""
    return None if page.next_key is None else encode_cursor(page.next_key)
