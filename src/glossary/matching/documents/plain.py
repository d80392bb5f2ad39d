"""Plain text: scanned as it is, except web and e-mail addresses (as in Markdown and HTML) and
the glossary comments, which are read and masked."""

from __future__ import annotations

import re

from glossary.matching.documents.markup import ADDRESSES, Scan

__all__ = ["scan_plain"]

_GLOSSARY_COMMENT = re.compile(r"\s*glossary", re.IGNORECASE)
_PLAIN = re.compile(r"<(?P<comment>!--)" + ADDRESSES)


def scan_plain(text: str) -> Scan:
    """Plain text: addresses are masked; only glossary comments are read (and masked)."""
    scan = Scan(text)
    pos = 0
    while (found := _PLAIN.search(text, pos)) is not None:
        pos = _comment(scan, found) if found.lastgroup == "comment" else scan.visit(found)
    return scan


def _comment(scan: Scan, found: re.Match[str]) -> int:
    """A glossary comment is read and masked; any other comment is text like the rest."""
    start, text = found.start(), scan.text
    end = text.find("-->", start + 4)
    if end < 0 or not _GLOSSARY_COMMENT.match(text, start + 4, end):
        return found.end()
    scan.comments.append((start, text[start + 4 : end]))
    return scan.blank(start, end + 3)
