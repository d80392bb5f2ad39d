"""Rules for untrusted input that every entry point shares (API, files, cursors): text that a
database can store and a JSON answer can carry, JSON that cannot exhaust the stack, and the
largest integer the database's columns hold."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote_to_bytes

#: The largest integer an id, revision or version column holds (PostgreSQL's ``integer``).
MAX_INT = 2**31 - 1
#: How deeply JSON from outside may nest; no request or cursor needs a tenth of it.
MAX_JSON_DEPTH = 64


class TooDeep(ValueError):
    """JSON nested deeper than ``MAX_JSON_DEPTH``."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"nested deeper than {limit} levels")


class NotUtf8(ValueError):
    """Bytes that should be UTF-8 and are not; ``where`` names them."""

    def __init__(self, where: str) -> None:
        super().__init__(f"{where} is not valid UTF-8")


def text_problem(text: str) -> str | None:
    """Why ``text`` can be neither stored nor sent back (a NUL, a lone surrogate), or None."""
    if "\x00" in text:
        return "contains a NUL character (U+0000), which text cannot hold"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(text[error.start])
        return f"contains a lone surrogate (U+{code:04X}), which is not a character"
    return None


def load_json(data: str | bytes, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` that raises ``TooDeep`` (a ValueError) for nesting past ``max_depth``
    instead of a RecursionError, and ``NotUtf8`` for bytes that are not UTF-8."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise TooDeep(max_depth) from None
    except UnicodeDecodeError:
        raise NotUtf8("the JSON") from None
    if any(depth > max_depth for _, _, depth in _walk(value)):
        raise TooDeep(max_depth)
    return value


def json_text_problem(value: Any) -> tuple[str, str] | None:
    """The first string or key in parsed JSON that ``text_problem`` refuses: its path
    (``labels.en[0]``) and why."""
    for path, item, _ in _walk(value):
        texts = [item] if isinstance(item, str) else list(item) if isinstance(item, dict) else []
        for text in texts:
            problem = text_problem(text)
            if problem is not None:
                return path, problem if text is item else f"a key {problem}"
    return None


def _key_path(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def _walk(value: Any) -> Iterator[tuple[str, Any, int]]:
    """Every value in parsed JSON with its path and depth, without recursion."""
    stack: list[tuple[str, Any, int]] = [("", value, 0)]
    while stack:
        path, item, depth = stack.pop()
        yield path, item, depth
        if isinstance(item, dict):
            children = [(_key_path(path, key), v) for key, v in item.items()]
        elif isinstance(item, list):
            children = [(f"{path}[{i}]", v) for i, v in enumerate(item)]
        else:
            continue
        stack.extend((child, v, depth + 1) for child, v in reversed(children))


def form_pairs(raw: bytes, *, where: str) -> list[tuple[str, str]]:
    """Decode ``application/x-www-form-urlencoded`` bytes (a body or a query string) strictly:
    a name or value that is not UTF-8 raises ``NotUtf8`` naming it, where ``parse_qsl`` would
    quietly put U+FFFD in its place."""
    pairs = []
    for part in raw.split(b"&"):
        if not part:
            continue
        name, _, value = part.partition(b"=")
        key = _form_text(name, f"a {where} field's name")
        pairs.append((key, _form_text(value, f"{where} field {key!r}")))
    return pairs


def _form_text(raw: bytes, where: str) -> str:
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise NotUtf8(where) from None
