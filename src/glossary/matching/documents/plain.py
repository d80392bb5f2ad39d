"""Plain text: scanned as it is, except the glossary comments, which are read and masked."""

from __future__ import annotations

import re

from glossary.matching.documents.markup import Scan

__all__ = ["scan_plain"]

_GLOSSARY_COMMENT = re.compile(r"\s*glossary", re.IGNORECASE)


def scan_plain(text: str) -> Scan:
    """Plain text: only glossary comments are read (and masked)."""
    scan = Scan(text)
    pos = 0
    while (start := text.find("<!--", pos)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        content = text[start + 4 : end]
        if _GLOSSARY_COMMENT.match(content):
            scan.comments.append((start, content))
            scan.blank(start, end + 3)
        pos = end + 3
    return scan
