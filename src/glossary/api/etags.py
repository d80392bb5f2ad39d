"""ETags of term revisions: If-Match and If-None-Match headers read into revisions."""

from __future__ import annotations

import re

#: A strong ETag of a revision, exactly as ``StoredTerm.etag`` writes it.
_REVISION = re.compile(r'"(0|[1-9][0-9]*)"')


def etag_matches(if_match: str, revision: int, *, weak: bool = False) -> bool:
    """Whether an ``If-Match`` header value names this revision (``*`` matches any). RFC 9110
    compares strongly for ``If-Match``: a weak ``W/"3"`` names nothing; ``weak=True`` (for
    ``If-None-Match``) lets it match."""
    tags = [tag.strip() for tag in if_match.split(",")]
    if weak:
        tags = [tag.removeprefix("W/") for tag in tags]
    return "*" in tags or f'"{revision}"' in tags


def expected_revisions(if_match: str) -> frozenset[int] | None:
    """The revisions an ``If-Match`` names, compared strongly; None for ``*`` (any)."""
    tags = [tag.strip() for tag in if_match.split(",")]
    if "*" in tags:
        return None
    return frozenset(int(found[1]) for tag in tags if (found := _REVISION.fullmatch(tag)))
