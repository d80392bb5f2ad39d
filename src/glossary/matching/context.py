"""What the words around a match say: whether a span the matcher placed is really the
glossary's term, or part of an address, a code identifier, a name, a verb or an idiom, or a
word of the other language.

Each test looks only at the few spans the matcher placed, never at the whole text, so it
costs nothing on a text without findings. The tests live in their own modules; this one
asks them in turn.
"""

from __future__ import annotations

from functools import cached_property

from glossary.matching.index import TermIndex
from glossary.matching.names import Reader, in_name
from glossary.matching.sentences import Sentences, verdicts_of, wrong_language
from glossary.matching.spans import Span
from glossary.matching.technical import alone, in_technical
from glossary.matching.wordclass import GLANCE, cues_nothing, not_the_noun

__all__ = ["Context"]


class Context:
    """The scanned text of one check (``text`` as written, ``folded`` in lower case, same
    offsets) and the tests a placed span must pass to be reported."""

    def __init__(self, text: str, folded: str, index: TermIndex, language: str) -> None:
        self.text = text
        self.folded = folded
        self.index = index
        #: The language the whole text was read in (``sv`` or ``en``).
        self.language = language
        #: Each sentence's language, read when a span first falls in it.
        self.sentences = Sentences(text, folded, verdicts_of(index))

    @cached_property
    def names(self) -> Reader:
        """What this text says of its capitalised words, read when a capitalised span first
        asks (most checks never do)."""
        return Reader(self.text)

    def rejects(self, span: Span) -> bool:
        """True when the span is not the glossary's term after all."""
        if self._ordinary(span):
            return wrong_language(self, span)
        return (
            in_technical(self, span)
            or in_name(self, span)
            or not_the_noun(self, span)
            or wrong_language(self, span)
        )

    def _ordinary(self, span: Span) -> bool:
        """Whether the span is a lower-case word between spaces after a number or a lower-case
        word that cues nothing, with no ignore list to ask: most spans in prose, and none that an
        address, a name or a verb reading would reject (their first looks would each say so,
        one after the other; this says it once)."""
        text, start, end = self.text, span.start, span.end
        if start < 2 or text[start - 1] != " " or not text[start - 2].isalnum():
            return False
        word = text[start:end]
        if not (word.isalpha() and word.islower()) or word.endswith("ing") or self.index.ignored:
            return False
        if not alone(text, start, end):
            return False
        previous = text[max(0, start - GLANCE) : start - 1].rsplit(None, 1)[-1]
        # A number or a lower-case word (a capital may start a name: *Q3 leads*).
        return previous.isalnum() and not previous[0].isupper() and cues_nothing(previous)
