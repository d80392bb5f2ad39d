"""Markdown front matter (YAML ``---`` or TOML ``+++`` at the very start) and its audience."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

import yaml

__all__ = ["FrontMatter", "front_matter"]

#: libyaml's loader where PyYAML was built with it: front matter is read in every document.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\ufeff?(?:(?P<yaml>---)|\+\+\+)[ \t]*+\r?\n")
_YAML_END = re.compile(r"\n(?:---|\.\.\.)[ \t]*+\r?(?=\n|\Z)")
_TOML_END = re.compile(r"\n\+\+\+[ \t]*+\r?(?=\n|\Z)")
_TERM_ID = re.compile(r"[^\s,]+")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Where the front matter ends (its closing line included) and the audience it names."""

    end: int
    audience: tuple[str, ...] | None


def front_matter(text: str) -> FrontMatter | None:
    """The closed front matter the text starts with, or None."""
    opening = _FRONT_MATTER.match(text)
    if opening is None:
        return None
    closer = _YAML_END if opening["yaml"] else _TOML_END
    close = closer.search(text, opening.end() - 1)
    if close is None:
        return None
    body = text[opening.end() : close.start() + 1]
    return FrontMatter(close.end(), _audience(body, toml=not opening["yaml"]))


def _audience(body: str, *, toml: bool) -> tuple[str, ...] | None:
    """``glossary: {audience: [...]}`` from front matter; None when absent or unreadable."""
    if "glossary" not in body:
        return None
    try:
        data = tomllib.loads(body) if toml else yaml.load(body, Loader=_YAML_LOADER)
    except Exception:  # front matter is the writer's; malformed just means no audience
        return None
    settings = data.get("glossary") if isinstance(data, dict) else None
    value = settings.get("audience") if isinstance(settings, dict) else None
    if isinstance(value, str):
        value = _TERM_ID.findall(value)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    audience = tuple(dict.fromkeys(item.strip().lower() for item in value if item.strip()))
    return audience or None
