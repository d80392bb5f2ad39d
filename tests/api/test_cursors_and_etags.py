"""The HTTP side of pages and preconditions: cursors to keys, If-Match headers to revisions."""

from __future__ import annotations

import pytest

from glossary.api.etags import etag_matches, expected_revisions
from glossary.api.paging import decode_cursor, encode_cursor, id_after, next_cursor
from glossary.errors import InvalidInput
from glossary.service.paging import Page


@pytest.mark.parametrize(
    ("header", "revisions"),
    [
        ('"3"', frozenset({3})),
        ('"2", "3"', frozenset({2, 3})),
        ("*", None),
        ('"2", *', None),
        ('W/"3"', frozenset()),  # If-Match compares strongly: a weak tag names nothing
        ('"03"', frozenset()),  # not how an ETag of revision 3 is written
        ('"abc"', frozenset()),
    ],
)
def test_an_if_match_names_the_revisions_etag_matches_accepts(
    header: str, revisions: frozenset[int] | None
) -> None:
    assert expected_revisions(header) == revisions
    for revision in range(5):
        named = revisions is None or revision in revisions
        assert etag_matches(header, revision) is named


def test_a_cursor_stands_for_the_key_of_the_last_item_shown() -> None:
    page = Page(items=["a"], next_key=[-0.5, "budget"])
    cursor = next_cursor(page)
    assert cursor is not None
    assert decode_cursor(cursor) == [-0.5, "budget"]
    assert next_cursor(Page(items=[], next_key=None)) is None
    assert decode_cursor(None) is None


@pytest.mark.parametrize("cursor", ["%%%", encode_cursor([]) + "x", "e30", encode_cursor([0])])
def test_an_id_cursor_that_is_not_a_row_id_is_refused(cursor: str) -> None:
    with pytest.raises(InvalidInput, match="invalid cursor: pass next_cursor"):
        id_after(cursor)


def test_an_id_cursor_gives_its_row_id() -> None:
    assert id_after(encode_cursor([7])) == 7
    assert id_after(None) is None
