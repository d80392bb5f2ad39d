"""Plain, Markdown and HTML → the text the matcher scans, offsets back, and in-document directives.

The scanned text keeps the original's length and offsets wherever it can: what is not
checked (code, URLs, tags, comments, front matter) becomes spaces, line breaks kept. Only
decoded entities, inline tags inside a word, invisible characters inside a word and NFC
normalisation change lengths; each stage that does records a shift to map offsets back.
"""

from glossary.matching.documents.directives import Directive, DirectiveKind
from glossary.matching.documents.document import Document, Format, parse_document

__all__ = ["Directive", "DirectiveKind", "Document", "Format", "parse_document"]
