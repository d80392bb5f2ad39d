"""The structural scan shared by HTML and Markdown: tags, comments, addresses and entities.

One pass in document order, so code hides comments and vice versa. Each scanning pattern
starts with a literal (or a set of literal alternatives), so the regex engine skips in C to
the few places worth a look; possessive and bounded parts keep hostile input linear.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from html.entities import html5

from glossary.matching.documents.offsets import Edit, merge, tight
from glossary.matching.documents.offsets import blank as blank_chunk

__all__ = ["ADDRESSES", "HTML_BLOCKS", "INLINE_TAGS", "SKIPPED", "Scan", "element_end"]

_COMMENT_END = re.compile(r"--!?>")
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font", "i", "ins"}
    | {"kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u"}
    | {"var", "wbr"}
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "noscript"})
SKIPPED = _RAW_TEXT | {"pre", "code", "template"}
_INLINE_RUN = re.compile(
    r"(?:</?(?i:" + "|".join(sorted(INLINE_TAGS, key=len, reverse=True)) + r")(?=[\s/>])"
    r"(?:\"[^\"\r\n]*+\"|'[^'\r\n]*+'|[^\"'>\r\n])*+>)+"
)
HTML_BLOCKS = frozenset({"pre", "script", "style", "textarea"})  # CommonMark's blocks of kind 1
_ELEMENT_TAGS = {
    name: re.compile(r"<(/?)(?i:" + name + r")(?=[\t\n\f\r />]|\Z)") for name in SKIPPED
}

ADDRESSES = (
    r"|h(?P<url>ttps?://[^\s<>\"`]*+)"
    r"|w(?P<www>ww\.[^\s<>\"`]*+)"
    r"|@(?P<email>[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)+)"
)
_URL_TRAILING = frozenset(".,:;!?'\"*_~")
_EMAIL_LOCAL = re.compile(r"[\w.+%-]+\Z")


def element_end(text: str, name: str, pos: int) -> int:
    """HTML: the end of the element whose start tag ends at pos (after its end tag, nested
    elements counted), or the text's end, where browsers close it."""
    depth = 1
    for tag in _ELEMENT_TAGS[name].finditer(text, pos):
        if tag.group(1):
            depth -= 1
        elif name not in _RAW_TEXT:
            depth += 1
        if depth == 0:
            close = text.find(">", tag.end())
            return len(text) if close < 0 else close + 1
    return len(text)


def _url_end(text: str, start: int, end: int) -> int:
    """Where a bare URL really ends: not at closing punctuation or an unbalanced parenthesis."""
    # Counted once, then kept up to date: counting again per character is quadratic.
    opening, closing = text.count("(", start, end), text.count(")", start, end)
    while end > start:
        last = text[end - 1]
        if last == ")" and opening < closing:
            closing -= 1
        elif last not in _URL_TRAILING:
            break
        end -= 1
    return end


def _entity_edits(text: str, entity: re.Pattern[str], *, strict: bool) -> Iterator[Edit]:
    """Character references, decoded as HTML does; a common tail stays out of the edit.

    Strict (Markdown) decodes only complete references: ``&notit;`` stays, where HTML reads
    ``&not`` followed by ``it;``.
    """
    for match in entity.finditer(text):
        source, decoded = match.group(), html.unescape(match.group())
        if decoded == source or (strict and source[1] != "#" and source[1:] not in html5):
            continue
        yield tight(match.start(), source, decoded.replace("\r", " ").replace("\n", " "))


class Scan:
    """Walks the markup of one text in order, collecting edits and comments."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[Edit] = []
        self.comments: list[tuple[int, str]] = []
        self.audience: tuple[str, ...] | None = None
        self._handlers: dict[str | None, Callable[[re.Match[str]], int]] = {
            "tag": self._tag,
            "comment": self._comment,
            "url": self._url,
            "www": self._url,
            "email": self._email,
        }

    def blank(self, start: int, end: int) -> int:
        """Leave text[start:end] unchecked; return end."""
        chunk = self.text[start:end]
        plain = "\n" not in chunk and "\r" not in chunk
        self.edits.append((start, end, " " * (end - start) if plain else blank_chunk(chunk)))
        return end

    def visit(self, match: re.Match[str]) -> int:
        """Handle one construct a scanning pattern found; return where scanning resumes."""
        handler = self._handlers.get(match.lastgroup)
        return handler(match) if handler else self.blank(match.start(), match.end())

    def decode(self, entity: re.Pattern[str], *, strict: bool) -> None:
        """Add the entities outside masked markup, decoded, to the edits."""
        if "&" in self.text:
            self.edits = merge(self.edits, _entity_edits(self.text, entity, strict=strict))

    def skipped_end(self, name: str, start: int, end: int) -> int:
        """Where an element whose content is not checked ends; its start tag is text[start:end]."""
        return element_end(self.text, name, end)

    def _comment(self, match: re.Match[str]) -> int:
        text, start, body = self.text, match.start(), match.start() + 4
        if text.startswith((">", "->"), body):  # <!--> and <!--->: empty comments
            return self.blank(start, text.index(">", body) + 1)
        close = _COMMENT_END.search(text, body)
        if close is None:
            return self.blank(start, len(text))
        self.comments.append((start, text[body : close.start()]))
        return self.blank(start, close.end())

    def _tag(self, match: re.Match[str]) -> int:
        start, end, name = match.start(), match.end(), match["name"].lower()
        if name in SKIPPED and not match["close"]:
            return self.blank(start, self.skipped_end(name, start, end))
        if name in INLINE_TAGS and start and self.text[start - 1].isalnum():
            return self._inline_tags(start, end)
        return self.blank(start, end)

    def _inline_tags(self, start: int, end: int) -> int:
        """Inline tags inside a word (``bud<b>get</b>``) vanish, so the word stays whole."""
        run = _INLINE_RUN.match(self.text, start)
        if run is None or run.end() >= len(self.text) or not self.text[run.end()].isalnum():
            return self.blank(start, end)
        self.edits.append((start, run.end(), ""))
        return run.end()

    def _url(self, match: re.Match[str]) -> int:
        start, text = match.start(), self.text
        if start and (text[start - 1].isalnum() or text[start - 1] in "@./:"):
            return start + 1
        return self.blank(start, _url_end(text, start, match.end()))

    def _email(self, match: re.Match[str]) -> int:
        at, floor = match.start(), self.edits[-1][1] if self.edits else 0
        local = _EMAIL_LOCAL.search(self.text, max(floor, at - 64), at)
        return self.blank(local.start(), match.end()) if local else at + 1
