"""The contenders: the tokenize-only floor, flashtext, and our engine once it exists.

Each contender builds a matcher from a glossary; a matcher takes one document's text and
returns how many things it found (tokens for the floor), so no contender can skip its work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Any

from bench.corpus import WORD
from bench.glossaries import approved_terms, term_words
from glossary.matching.model import Glossary

#: One document's text → the number of matches (or tokens).
Matcher = Callable[[str], int]
#: A glossary → a matcher for it.
Builder = Callable[[Glossary], Matcher]
ENGINE_MODULES = ("glossary.matching.index", "glossary.matching.scan")
# flashtext splits words at every character outside ASCII letters and digits.
_LETTERS = "åäöéüæøÅÄÖÉÜÆØ"


class EngineUnavailable(Exception):
    """Our engine cannot be imported yet; the message says why."""


@dataclass(frozen=True, slots=True)
class Engine:
    """Our check engine: builds an index, then checks Markdown with fuzzy matching on or off."""

    build_index: Callable[[Glossary], Any]
    check: Callable[[str, Any, Any], Any]
    options: Callable[[bool], Any]
    clear_caches: Callable[[], None]

    def matcher(self, index: Any, *, fuzzy: bool) -> Matcher:
        """Checks a document as `glossary check` would; returns the number of findings."""
        check, options = self.check, self.options(fuzzy)
        return lambda text: len(check(text, index, options).findings)

    def builder(self, *, fuzzy: bool) -> Builder:
        """Builds a fresh index per call, with the engine's word caches emptied: the engine
        caches what it learns of each word, so a pass with a used index or warm caches would
        measure what `glossary check`, one run in a fresh process, never has."""

        def build(glossary: Glossary) -> Matcher:
            self.clear_caches()
            return self.matcher(self.build_index(glossary), fuzzy=fuzzy)

        return build


def ours() -> Engine:
    """The one switch: our engine if `glossary.matching.index` and `.scan` import."""
    try:
        from glossary.matching.index import TermIndex, clear_word_caches
        from glossary.matching.scan import CheckOptions, check
    except ImportError as exc:
        if exc.name not in ENGINE_MODULES:
            raise
        raise EngineUnavailable(f"{exc.name}: {exc}") from None

    def options(fuzzy: bool) -> Any:
        include = frozenset({"ambiguous", "deprecated"})
        return CheckOptions(
            format="markdown", language="auto", audience=None, include=include, fuzzy=fuzzy
        )

    return Engine(
        build_index=TermIndex.build, check=check, options=options, clear_caches=clear_word_caches
    )


def floor(_glossary: Glossary) -> Matcher:
    """Only what every checker must do: lower-case the text and split it into words."""
    findall = WORD.findall
    return lambda text: len(findall(text.lower()))


def flashtext(glossary: Glossary) -> Matcher:
    """flashtext's exact, case-insensitive matching of every label, form and prefer wording."""
    from flashtext import KeywordProcessor  # type: ignore[import-untyped]

    processor = KeywordProcessor(case_sensitive=False)
    for letter in _LETTERS:
        processor.add_non_word_boundary(letter)
    for term in approved_terms(glossary):
        for items in term_words(term).values():
            for word in items:
                processor.add_keyword(word, term.id)
    extract = processor.extract_keywords
    return lambda text: len(extract(text, span_info=True))


def has_flashtext() -> bool:
    """Whether flashtext is installed (it is a benchmark-only dependency)."""
    try:
        import flashtext as _  # noqa: F401
    except ImportError:
        return False
    return True


def timed(build: Builder, glossary: Glossary) -> tuple[float, Matcher]:
    """Seconds a build takes, and what it built."""
    start = perf_counter()
    matcher = build(glossary)
    return perf_counter() - start, matcher


def scan(paths: tuple[Path, ...], matcher: Matcher) -> tuple[float, int]:
    """Seconds to read and match every file, and the matches found."""
    start = perf_counter()
    found = 0
    for path in paths:
        found += matcher(path.read_text(encoding="utf-8"))
    return perf_counter() - start, found
