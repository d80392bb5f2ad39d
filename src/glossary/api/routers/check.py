"""POST /v1/check: the ambiguous and deprecated words of a text, with what each side means."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from glossary.api.deps import CheckCatalogDep, ReaderDep, SettingsDep
from glossary.api.routers.terms import ERRORS
from glossary.errors import PayloadTooLarge
from glossary.matching import findings
from glossary.matching.findings import DEFAULT_INCLUDE, meaning_to_json, to_json
from glossary.matching.scan import CheckOptions
from glossary.service import catalog as catalog_service

router = APIRouter(tags=["check"])

Kind = Literal["ambiguous", "deprecated", "known"]

EXAMPLE: dict[str, Any] = {
    "text": "Vi måste hålla budgeten i år, och leadsen från mässan ska in i pipelinen.",
    "format": "plain",
    "language": "auto",
    "audience": None,
}


class CheckRequest(BaseModel):
    """A text to check, and for whom."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})

    text: str
    format: Literal["plain", "markdown", "html"] = "plain"
    language: Literal["auto", "sv", "en"] = "auto"
    audience: list[str] | None = Field(
        default=None, description="department ids of the readers; null means every department"
    )
    kinds: list[Kind] | None = Field(
        default=None,
        min_length=1,
        description="exactly these kinds of findings; null means ambiguous and deprecated. "
        '["known"] alone reports only one-meaning terms',
    )
    include: list[Kind] = Field(
        default=[],
        description="kinds reported on top of `kinds` (or of the default ambiguous and "
        'deprecated): ["known"] adds one-meaning terms and keeps the others',
    )
    fuzzy: bool = True
    max_findings: int | None = Field(
        default=None,
        ge=1,
        description="at most this many findings, in text order; the default and the ceiling "
        "are the server's GLOSSARY_MAX_FINDINGS (1,000 unless set). `truncated` in the answer "
        "says whether more were left: check the text after the last finding for them",
    )
    meanings: Literal["per_finding", "per_term"] = Field(
        default="per_finding",
        description="per_finding: every finding carries its term's meanings. per_term: the "
        "answer's `terms` holds each found term's label and meanings once, and the findings "
        "leave them out (far smaller when words recur)",
    )

    def options(self, max_findings: int) -> CheckOptions:
        """The engine's options for this request, under the server's ``max_findings``."""
        return CheckOptions(
            format=self.format,
            language=self.language,
            audience=self.audience,
            include=frozenset(self.kinds or DEFAULT_INCLUDE) | frozenset(self.include),
            fuzzy=self.fuzzy,
            max_findings=min(self.max_findings or max_findings, max_findings),
        )


class FindingTerm(BaseModel):
    """The term a finding is about."""

    id: str
    label: str


class FindingMeaning(BaseModel):
    """One department's meaning, in the text's language."""

    department: str
    department_name: str
    definition: str
    prefer: list[str]


class Finding(BaseModel):
    """One word that readers may take differently (offsets in code points, lines 1-based)."""

    offset: int
    length: int
    line: int
    column: int
    text: str
    term: FindingTerm
    kind: Literal["ambiguous", "deprecated", "known"]
    match: Literal["exact", "inflection", "compound", "fuzzy"]
    score: float
    severity: Literal["warning", "info"]
    message: str
    meanings: list[FindingMeaning] | None = Field(
        default=None, description="every department's meaning; left out with meanings=per_term"
    )
    suggestions: list[str]
    likely_department: str | None
    resolved_department: str | None


class TermMeanings(BaseModel):
    """A found term's label and every department's meaning, in the text's language."""

    label: str
    meanings: list[FindingMeaning]


class CheckResponse(BaseModel):
    """The language the text was read in, the glossary version used, and the findings."""

    language: str
    glossary_version: int
    truncated: bool = Field(
        description="true when the check stopped at max_findings and more findings were left"
    )
    findings: list[Finding]
    terms: dict[str, TermMeanings] | None = Field(
        default=None, description="with meanings=per_term only: the found terms by id"
    )


def check_limit(text: str, limit: int) -> None:
    """413 for texts longer than the configured limit."""
    if len(text) > limit:
        raise PayloadTooLarge(
            f"the text has {len(text)} characters; the limit is {limit} "
            "(GLOSSARY_MAX_CHECK_CHARS): split it"
        )


@router.post(
    "/v1/check",
    responses={200: {"model": CheckResponse}, **ERRORS, 413: ERRORS[422]},
    response_class=JSONResponse,
)
def check_text(
    body: CheckRequest,
    request: Request,
    catalog: CheckCatalogDep,
    settings: SettingsDep,
    _: ReaderDep,
) -> Any:
    """Find the words of a text that departments read differently."""
    check_limit(body.text, settings.max_check_chars)
    options = body.options(settings.max_findings)
    result = catalog_service.check_text(catalog=catalog, text=body.text, options=options)
    if request.app.state.stats is not None:
        request.app.state.stats.add(result.findings)
    request.app.state.metrics.check(len(body.text), (f.term.id for f in result.findings))
    per_term = body.meanings == "per_term"
    answer: dict[str, Any] = {
        "language": result.language,
        "glossary_version": catalog.version,
        "truncated": result.truncated,
        "findings": [to_json(finding, meanings=not per_term) for finding in result.findings],
    }
    if per_term:
        answer["terms"] = terms_json(result.findings)
    return JSONResponse(answer)


def terms_json(found: list[findings.Finding]) -> dict[str, Any]:
    """The answer's ``terms`` with ``meanings=per_term``: each found term's label and
    meanings once, by term id (the widget's shape)."""
    return {
        f.term.id: {"label": f.term.label, "meanings": [meaning_to_json(m) for m in f.meanings]}
        for f in found
    }
