"""The LanguageTool HTTP API (``/v2/check``, ``/v2/languages``), so LanguageTool clients and
editor plugins pointed at this server show glossary findings. Offsets are UTF-16 code units,
as LanguageTool's are. An answer holds at most GLOSSARY_MAX_FINDINGS matches, and says
``warnings.incompleteResults: true`` when more were left."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from glossary import __version__
from glossary.api.deps import CheckCatalogDep, ReaderDep, SettingsDep
from glossary.api.routers.check import check_limit
from glossary.errors import GlossaryError, UnsupportedMediaType
from glossary.inputs import NotUtf8, form_pairs, load_json
from glossary.matching.findings import KINDS, Finding, Kind
from glossary.matching.model import Term
from glossary.matching.scan import CheckOptions
from glossary.service import catalog as catalog_service
from glossary.service.catalog import Catalog
from glossary.settings import Settings

router = APIRouter(prefix="/v2", tags=["LanguageTool-compatible"])

LANGUAGES = [
    {"name": "Swedish", "code": "sv", "longCode": "sv-SE"},
    {"name": "English", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]
NAMES = {"sv": ("Swedish", "sv-SE"), "en": ("English", "en-US")}
SHORT = {
    "sv": {"ambiguous": "Tvetydigt ord", "deprecated": "Undvik ordet", "known": "Ordlista"},
    "en": {"ambiguous": "Ambiguous term", "deprecated": "Deprecated term", "known": "Glossary"},
}
CATEGORY = {"id": "GLOSSARY", "name": "Glossary"}
CONTEXT = 40


class BadRequest(GlossaryError):
    """LanguageTool clients expect 400 for a request they got wrong."""

    status = 400
    code = "bad_request"


@router.get("/languages")
def languages() -> list[dict[str, str]]:
    """The languages this server checks, as LanguageTool lists them."""
    return LANGUAGES


async def _parameters(request: Request) -> dict[str, str]:
    params = dict(_form(request.scope.get("query_string", b""), "query"))
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if media not in ("", "application/x-www-form-urlencoded"):
            raise UnsupportedMediaType("send the form as application/x-www-form-urlencoded")
        params.update(_form(body, "form"))
    return params


def _form(raw: bytes, where: str) -> list[tuple[str, str]]:
    """The fields, strictly UTF-8: a wrong byte is a 400 naming the field, not U+FFFD."""
    try:
        return form_pairs(raw, where=where)
    except NotUtf8 as error:
        raise BadRequest(str(error)) from None


def _language(code: str | None) -> str:
    if code is None or code.lower() == "auto":
        return "auto"
    short = code.split("-")[0].lower()
    if short not in NAMES:
        raise BadRequest(f"language {code!r} is not supported: use sv, en or auto")
    return short


def annotated_text(data: str) -> str:
    """The text of LanguageTool's ``data`` parameter; markup becomes blanks so offsets hold."""
    try:
        parts = load_json(data)["annotation"]
        if not isinstance(parts, list):
            raise TypeError("'annotation' must be a list")
        pieces = [_piece(part) for part in parts]
    except (ValueError, KeyError, TypeError) as error:  # ValueError: also nested too deeply
        raise BadRequest(f"invalid data parameter: {error}") from None
    return "".join(pieces)


def _piece(part: object) -> str:
    if not isinstance(part, Mapping):
        raise TypeError("each annotation must be an object")
    if "text" in part:
        return _string(part, "text")
    markup = _string(part, "markup")
    breaks = "\n" * _string(part, "interpretAs").count("\n")
    return (breaks + " " * len(markup))[: max(len(markup), len(breaks))]


def _string(part: Mapping[str, Any], name: str) -> str:
    value = part.get(name, "")
    if not isinstance(value, str):
        raise TypeError(f"{name!r} must be a string")
    return value


class Utf16:
    """Converts code-point offsets of one text into UTF-16 code units."""

    def __init__(self, text: str) -> None:
        self.astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self.astral, offset)


def rule_id(finding: Finding) -> str:
    """A stable LanguageTool rule id per kind and term: ``GLOSSARY_AMBIGUOUS_BUDGET``."""
    return _rule_id(finding.term.id, finding.kind)


def _rule_id(term_id: str, kind: Kind) -> str:
    return f"GLOSSARY_{kind.upper()}_{term_id.upper().replace('-', '_')}"


def _match(finding: Finding, text: str, units: Utf16, language: str) -> dict[str, Any]:
    start, end = finding.offset, finding.offset + finding.length
    context_start = max(0, start - CONTEXT)
    context = text[context_start : min(len(text), end + CONTEXT)]
    return {
        "message": finding.message,
        "shortMessage": SHORT[language][finding.kind],
        "replacements": [{"value": value} for value in finding.suggestions],
        "offset": units(start),
        "length": units(end) - units(start),
        "context": {
            "text": context,
            "offset": units(start) - units(context_start),
            "length": units(end) - units(start),
        },
        "sentence": context.strip(),
        "type": {"typeName": "Other"},
        "rule": {
            "id": rule_id(finding),
            "description": f"{finding.term.label}: {SHORT[language][finding.kind].lower()}",
            "issueType": "terminology",
            "category": CATEGORY,
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def _wanted(params: Mapping[str, str]) -> Callable[[Term, Kind], bool]:
    """Whether the client wants a finding: its rule and category are not turned off (the
    check leaves the others out before they count towards GLOSSARY_MAX_FINDINGS)."""
    disabled_rules = set(params.get("disabledRules", "").split(","))
    if CATEGORY["id"] in params.get("disabledCategories", "").split(","):
        return lambda term, kind: False
    return lambda term, kind: _rule_id(term.id, kind) not in disabled_rules


@router.post("/check")
async def check_text(
    request: Request, catalog: CheckCatalogDep, settings: SettingsDep, _: ReaderDep
) -> dict[str, Any]:
    """LanguageTool's check: form fields ``text`` or ``data``, and ``language``."""
    return await _check(request, catalog, settings)


@router.get("/check")
async def check_text_by_query(
    request: Request, catalog: CheckCatalogDep, settings: SettingsDep, _: ReaderDep
) -> dict[str, Any]:
    """LanguageTool's check with the parameters in the query string."""
    return await _check(request, catalog, settings)


async def _check(request: Request, catalog: Catalog, settings: Settings) -> dict[str, Any]:
    params = await _parameters(request)
    if "data" in params:
        text = annotated_text(params["data"])
    elif "text" in params:
        text = params["text"]
    else:
        raise BadRequest("missing 'text' or 'data' parameter")
    check_limit(text, settings.max_check_chars)
    options = CheckOptions(
        language=_language(params.get("language")),  # type: ignore[arg-type]
        include=frozenset(KINDS[:2]),
        max_findings=settings.max_findings,
        wanted=_wanted(params),
    )
    result = await run_in_threadpool(
        catalog_service.check_text, catalog=catalog, text=text, options=options
    )
    if request.app.state.stats is not None:
        request.app.state.stats.add(result.findings)
    name, code = NAMES[result.language]
    units = Utf16(text)
    return {
        "software": {
            "name": "glossary",
            "version": __version__,
            "apiVersion": 1,
            "premium": False,
            "status": "",
        },
        # At most GLOSSARY_MAX_FINDINGS matches; LanguageTool's own flag says more were left.
        "warnings": {"incompleteResults": result.truncated},
        "language": {
            "name": name,
            "code": code,
            "detectedLanguage": {"name": name, "code": code, "confidence": 0.9},
        },
        "matches": [_match(f, text, units, result.language) for f in result.findings],
    }
