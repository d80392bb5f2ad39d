"""check(text, index) → findings: where the words are, and whether the readers will disagree."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Literal

from glossary.matching.context import Context
from glossary.matching.documents import Document, Format, parse_document
from glossary.matching.findings import DEFAULT_INCLUDE, Finding, Kind, Match, TermRef
from glossary.matching.index import TermIndex
from glossary.matching.meaning import MeaningJudge
from glossary.matching.messages import Described, describe, did_you_mean
from glossary.matching.model import Term, Usage
from glossary.matching.spans import Span, placed
from glossary.matching.text import EN_MARKERS, SV_MARKERS, fold_same_length


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What to check and how (the request fields of ``POST /v1/check``)."""

    format: Format = "plain"
    language: Literal["auto", "sv", "en"] = "auto"
    audience: Collection[str] | None = None
    include: Collection[str] = DEFAULT_INCLUDE
    fuzzy: bool = True
    #: Stop after this many findings (None: find them all).
    max_findings: int | None = None
    #: Which (term, kind) pairs to report; the others do not count towards ``max_findings``.
    wanted: Callable[[Term, Kind], bool] | None = None


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The language the text was read in, and what was found."""

    language: str
    findings: list[Finding] = field(default_factory=list)
    #: Whether findings were left out after ``max_findings``.
    truncated: bool = False


def check(text: str, index: TermIndex, options: CheckOptions | None = None) -> CheckResult:
    """Find the glossary's words in ``text`` and judge each for the text's audience."""
    options = options or CheckOptions()
    document = parse_document(text, options.format, index.knows)
    folded = fold_same_length(document.text)
    chunks = set(folded.split())
    language = _language(chunks, options.language, index)
    present = index.present(chunks, fuzzy=options.fuzzy)
    if not present:
        return CheckResult(language=language)
    spans = placed(folded, present, index, fuzzy=options.fuzzy)
    audience = options.audience if options.audience is not None else document.audience
    judge = _Judge(document, folded, index, language, audience, options)
    findings, truncated = judge.findings(spans, options.max_findings)
    return CheckResult(language=language, findings=findings, truncated=truncated)


def _language(distinct: set[str], wanted: str, index: TermIndex) -> str:
    if wanted != "auto":
        return wanted
    swedish, english = len(distinct & SV_MARKERS), len(distinct & EN_MARKERS)
    if swedish == english == 0:
        return index.glossary.languages[0] if index.glossary.languages else "en"
    return "sv" if swedish >= english else "en"


@dataclass(slots=True)
class _Memory:
    """What the scanner keeps per index: the meaning judge and the finding texts by (term,
    language, kind, audience, sense), which repeat a lot."""

    judge: MeaningJudge
    descriptions: dict[tuple[object, ...], Described] = field(default_factory=dict)


_MEMORIES: weakref.WeakKeyDictionary[TermIndex, _Memory] = weakref.WeakKeyDictionary()
_MEMORIES_LOCK = threading.Lock()


def _memory(index: TermIndex) -> _Memory:
    """The scanner's memory of this index, made on its first check."""
    memory = _MEMORIES.get(index)
    if memory is None:
        with _MEMORIES_LOCK:
            memory = _MEMORIES.get(index)
            if memory is None:
                memory = _MEMORIES[index] = _Memory(MeaningJudge(index.glossary))
    return memory


class _Judge:
    """Turns matched spans into findings for one document, audience and language."""

    def __init__(
        self,
        document: Document,
        folded: str,
        index: TermIndex,
        language: str,
        audience: Collection[str] | None,
        options: CheckOptions,
    ) -> None:
        self.document = document
        self.folded = folded
        self.index = index
        self.language = language
        self.audience = frozenset(audience) if audience is not None else None
        self.include = frozenset(options.include)
        self.wanted = options.wanted
        self.memory = _memory(index)
        self.context = Context(document.text, folded, index, language)

    def findings(self, spans: Iterable[Span], limit: int | None) -> tuple[list[Finding], bool]:
        """One finding per span that survives directives, audience, ``include`` and
        ``wanted``, up to ``limit``; and whether any was left out. Only the cheap tests run
        on the spans after the limit, and only up to the first that survives them."""
        result: list[Finding] = []
        for span in spans:
            verdict = self._verdict(span)
            if verdict is None:
                continue
            if limit is not None and len(result) >= limit:
                return result, True
            result.append(self._finding(span, *verdict))
        return result, False

    def _kind(self, term: Term, sense: str | None) -> Kind:
        if term.usage is Usage.DEPRECATED:
            return Kind.DEPRECATED
        departments = {m.department for m in term.meanings}
        if self.audience is not None:
            departments &= self.audience
        return Kind.AMBIGUOUS if len(departments) >= 2 and sense is None else Kind.KNOWN

    def _verdict(self, span: Span) -> tuple[int, int, str | None, Kind] | None:
        """(start, end, sense, kind) of a span to report, or None when it is not reported.
        The words around are read last, for the spans that would be reported otherwise."""
        term = span.entry.term
        start = self.document.original_offset(span.start)
        if self.document.is_suppressed(term.id, start):
            return None
        sense = self.document.sense(term.id, start)
        kind = self._kind(term, sense)
        if kind not in self.include or (self.wanted is not None and not self.wanted(term, kind)):
            return None
        if self.context.rejects(span):
            return None
        return start, self.document.original_offset(span.end), sense, kind

    def _finding(self, span: Span, start: int, end: int, sense: str | None, kind: Kind) -> Finding:
        term = span.entry.term
        line, column = self.document.position(start)
        text = self.document.original[start:end]
        described = self._describe(term, kind, sense)
        if span.hit.match is Match.FUZZY:
            described = did_you_mean(described, self.language)
        return Finding(
            offset=start,
            length=end - start,
            line=line,
            column=column,
            text=text,
            term=TermRef(term.id, described.label),
            kind=kind,
            match=span.hit.match,
            score=span.hit.score,
            message=described.message,
            meanings=described.meanings,
            suggestions=described.suggestions,
            likely_department=sense or self._likely_department(span),
            resolved_department=sense,
        )

    def _describe(self, term: Term, kind: Kind, sense: str | None) -> Described:
        key = (term.id, self.language, kind, self.audience, sense)
        described = self.memory.descriptions.get(key)
        if described is None:
            described = describe(
                term, self.index.glossary, self.language, kind, audience=self.audience, sense=sense
            )
            self.memory.descriptions[key] = described
        return described

    def _likely_department(self, span: Span) -> str | None:
        """The department the sentence around the word points at, if one clearly."""
        return self.memory.judge.likely_department(
            span.entry.term, self.folded, span.start, span.end
        )
