"""HTML: only text content is checked; tags, comments, code and addresses are masked."""

from __future__ import annotations

import re

from glossary.matching.documents.markup import ADDRESSES, Scan

__all__ = ["scan_html"]

_HTML_SCAN = re.compile(
    r"<(?:(?P<comment>!--)"
    r"|(?P<tag>(?P<close>/)?(?P<name>[A-Za-z][^\t\n\f\r />]*+)"
    r"(?:=[\t\n\f\r ]*+(?:\"[^\"]*+\"?|'[^']*+'?)|[^>])*+(?:>|\Z))"
    r"|(?P<other>[!?/][^>]*+(?:>|\Z)))" + ADDRESSES
)
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,8}+|#[xX][0-9a-fA-F]{1,7}+|[A-Za-z][A-Za-z0-9]{0,31}+);?")


def scan_html(text: str) -> Scan:
    """HTML: only text content is checked; entities in it are decoded."""
    scan = Scan(text)
    pos = 0
    while (match := _HTML_SCAN.search(text, pos)) is not None:
        pos = scan.visit(match)
    scan.decode(_HTML_ENTITY, strict=False)
    return scan
