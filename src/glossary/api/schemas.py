"""Request and response bodies, with examples for the OpenAPI docs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from glossary.inputs import MAX_INT
from glossary.matching.model import Status, Usage

LocalizedText = dict[str, str]
LocalizedTexts = dict[str, list[str] | str]
#: The word classes a term may mean (glossary.rules.WORD_CLASSES).
WordClass = Literal["noun", "verb"]

BUDGET_EXAMPLE: dict[str, Any] = {
    "id": "budget",
    "labels": {"sv": ["budget"], "en": ["budget"]},
    "forms": {"sv": ["budgetar"]},
    "meanings": [
        {
            "department": "sales",
            "definition": {
                "sv": "Intäktsbudget – de intäkter säljarna åtar sig att dra in.",
                "en": "Revenue budget – the income the sales team commits to bring in.",
            },
            "prefer": {"sv": ["intäktsbudget"], "en": ["revenue budget"]},
        },
        {
            "department": "marketing",
            "definition": {
                "sv": "Kostnadsbudget – de pengar marknad får spendera.",
                "en": "Cost budget – the money marketing may spend.",
            },
            "prefer": {"sv": ["kostnadsbudget"], "en": ["cost budget"]},
        },
    ],
    "tags": ["economy"],
    "status": "approved",
    "usage": "admitted",
}


def _noun() -> list[WordClass]:
    return ["noun"]


class Strict(BaseModel):
    """Unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class MeaningBody(Strict):
    """What one department means by the term."""

    department: str
    definition: LocalizedText
    prefer: LocalizedTexts = Field(default_factory=dict)
    cues: LocalizedTexts = Field(default_factory=dict)


class TermFields(Strict):
    """The fields of a term, as in the glossary file format."""

    labels: LocalizedTexts
    forms: LocalizedTexts = Field(default_factory=dict)
    meanings: list[MeaningBody]
    related: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    status: Status = Status.APPROVED
    usage: Usage = Usage.ADMITTED
    note: str | None = None
    ignore: list[str] = Field(
        default_factory=list,
        description="names and phrases that contain a label but are never this term",
        examples=[["Lead Generation Ltd"]],
    )
    pos: list[WordClass] = Field(
        default_factory=_noun,
        min_length=1,
        description="the word classes meant: the noun, or the verb (to lead) too",
    )


class TermCreate(TermFields):
    """A new term."""

    model_config = ConfigDict(json_schema_extra={"examples": [BUDGET_EXAMPLE]})

    id: str


class TermReplace(TermFields):
    """The whole new state of a term; ``id``, if given, must be the one in the URL. The read-only
    fields of GET may be sent back: ``revision`` must then be the one ``If-Match`` names (else
    412), the server-owned ``created_at``, ``updated_at`` and ``updated_by`` are ignored."""

    model_config = ConfigDict(json_schema_extra={"examples": [BUDGET_EXAMPLE]})

    id: str | None = None
    revision: int | None = Field(default=None, ge=1, le=MAX_INT)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None


class TermPublic(TermFields):
    """A term as stored, with its revision (the ETag) and who changed it last."""

    model_config = ConfigDict(extra="ignore")

    id: str
    revision: int
    created_at: datetime
    updated_at: datetime
    updated_by: str


class TermPage(BaseModel):
    """One page of terms."""

    items: list[TermPublic]
    next_cursor: str | None


class FieldChange(BaseModel):
    """One field that differs between two versions, by a dotted path."""

    model_config = ConfigDict(from_attributes=True)

    field: str
    before: Any
    after: Any


class HistoryEntryPublic(BaseModel):
    """One change of a term: the term before and after (null when it did not exist)."""

    model_config = ConfigDict(from_attributes=True)

    revision: int
    glossary_version: int
    action: str
    actor: str
    at: datetime
    changes: list[str]
    diff: list[FieldChange]
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class HistoryPage(BaseModel):
    """One page of a term's history, newest first."""

    items: list[HistoryEntryPublic]
    next_cursor: str | None


class RestoreRequest(Strict):
    """Which revision to bring back."""

    version: int = Field(ge=1, le=MAX_INT, description="the term revision to restore")


class DepartmentBody(Strict):
    """A department's name per language."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"id": "support", "name": {"sv": "Support", "en": "Support"}}]
        }
    )

    id: str | None = None
    name: LocalizedText


class DepartmentPublic(BaseModel):
    """A department."""

    id: str
    name: LocalizedText


class DepartmentList(BaseModel):
    """Every department (there are few, so no paging)."""

    items: list[DepartmentPublic]
    next_cursor: None = None


class IgnoreBody(Strict):
    """The glossary's whole new ignore list."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"items": ["Campaign Monitor", "Lead Forensics"]}]},
    )

    items: list[str] = Field(
        description="names and phrases that contain a label but are never the term"
    )


class IgnorePublic(BaseModel):
    """The glossary's ignore list, at the glossary version that is its ETag."""

    items: list[str]
    glossary_version: int


class RowResult(BaseModel):
    """What a CSV import did with one row (its term's outcome)."""

    row: int
    term: str
    result: Literal["created", "updated", "unchanged"]


class ImportResult(BaseModel):
    """What an import did, or on a dry run would do."""

    dry_run: bool
    glossary_version: int
    created: list[str]
    updated: list[str]
    unchanged: list[str]
    departments_created: list[str]
    departments_updated: list[str]
    ignore_added: list[str] = Field(
        default_factory=list, description="the file's ignore phrases the glossary lacked"
    )
    rows: list[RowResult] | None = Field(default=None, description="CSV imports: each row")
    dialect: str | None = Field(default=None, description="TBX imports: the dialect read")
    concepts: int | None = Field(default=None, description="TBX imports: concept entries read")


class ErrorEnvelope(BaseModel):
    """Every error answer has this shape: RFC 9457 problem details
    (``application/problem+json``) with our ``code`` and ``details`` as extensions."""

    type: str = Field(description="/problems/<code>: a stable identifier per code")
    title: str = Field(description="a short fixed text per code")
    status: int
    detail: str = Field(description="what went wrong this time")
    instance: str = Field(description="the request's path")
    code: str
    details: list[Any]
