"""The glossary's own pages, server-rendered in Swedish and English, and the widget's script.

``/`` lists and searches the terms, ``/terms/{id}`` shows one with its history, ``/check``
checks pasted text, ``/widget/demo`` shows the widget; ``/widget.js`` is the widget itself.
Every page works without JavaScript; a little script adds search as you type.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from glossary.api.deps import CatalogDep, ReaderDep, SessionDep, SettingsDep
from glossary.api.headers import PAGE_HEADERS
from glossary.api.routers.check import check_limit
from glossary.api.routers.proposals import proposer
from glossary.api.routers.stats import most_flagged
from glossary.errors import NotFound, Unauthorized
from glossary.matching.findings import Finding
from glossary.matching.messages import pick
from glossary.matching.scan import CheckOptions
from glossary.matching.views import TermView, label_key, term_view
from glossary.service import catalog as catalog_service
from glossary.service import history as history_service
from glossary.service import proposals
from glossary.service import terms as terms_service
from glossary.service.keys import ANONYMOUS
from glossary.web.history import history_rows
from glossary.web.texts import ERROR_TITLES, LANGUAGES, TEXTS, choose_language

HERE = Path(__file__).parent
STATIC = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")  # Starlette turns autoescape on


def prefer_by_department(finding: Finding) -> str:
    """What to write instead, per department: "Sälj: intäktsbudget · Marknad: kostnadsbudget"
    (only the departments the finding suggests for)."""
    parts = []
    for meaning in finding.meanings:
        if finding.resolved_department not in (None, meaning.department):
            continue
        words = [word for word in meaning.prefer if word in finding.suggestions]
        if words:
            parts.append(f"{meaning.department_name}: {', '.join(words)}")
    return " · ".join(parts) or ", ".join(finding.suggestions)


templates.env.filters["prefer_by_department"] = prefer_by_department
router = APIRouter(include_in_schema=False)
LANG_COOKIE = "glossary_lang"
#: The pages show what a reader without a key sees: approved terms, and proposals on them.
VISITOR = ANONYMOUS
#: Open proposals a page lists (the newest); it says how many more there are.
PAGE_PROPOSALS = 20
#: Terms the glossary page lists.
LISTED = 100
SAMPLE_CHECK = (
    "Vi måste hålla budgeten i år, och leadsen från mässan ska in i pipelinen.\n\n"
    "The positioning of the campaign is set: marketing owns the `budget` column."
)


def _page(request: Request, name: str, lang: str, **context: Any) -> HTMLResponse:
    response: HTMLResponse = templates.TemplateResponse(
        request,
        name,
        {
            "lang": lang,
            "t": TEXTS[lang],
            "languages": LANGUAGES,
            "path": request.url.path,
            **context,
        },
        headers=PAGE_HEADERS,
    )
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=365 * 24 * 3600,
            secure=request.url.scheme == "https",  # behind a proxy: GLOSSARY_TRUSTED_PROXIES
            httponly=True,  # no script reads it
            samesite="lax",
        )
    return response


def prefers_html(accept: str | None) -> bool:
    """Whether a client ranks HTML above JSON, as browsers do; ``*/*`` alone means JSON."""
    quality: dict[str, float] = {}
    for item in (accept or "").split(","):
        media, _, params = item.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        quality.setdefault(media.strip().lower(), weight)
    html = quality.get("text/html", 0.0)
    as_json = max(quality.get(m, 0.0) for m in ("application/json", "application/*", "*/*"))
    return html > as_json


def _is_page_route(request: Request) -> bool:
    """Whether the request was routed to one of the pages (not the API, nor an unknown path)."""
    endpoint = request.scope.get("endpoint")
    return getattr(endpoint, "__module__", None) == __name__ and endpoint is not widget_script


def error_page(request: Request, error: JSONResponse) -> Response | None:
    """The error as a page when a page failed or a browser asked; None keeps the JSON."""
    if not (_is_page_route(request) or prefers_html(request.headers.get("accept"))):
        return None
    problem = json.loads(bytes(error.body))
    lang = _language(request)
    page = _page(
        request,
        "error.html",
        lang,
        status=error.status_code,
        title=ERROR_TITLES[lang].get(error.status_code, TEXTS[lang]["error"]),
        message=problem["detail"],
        details=problem.get("details") or [],
    )
    page.status_code = error.status_code
    kept = {k: v for k, v in error.headers.items() if k in ("retry-after", "www-authenticate")}
    page.headers.update({**kept, "Vary": "Accept, Accept-Language, Cookie"})
    return page


def _language(request: Request) -> str:
    return choose_language(
        request.query_params.get("lang"),
        request.cookies.get(LANG_COOKIE),
        request.headers.get("accept-language"),
    )


@router.get("/", response_class=HTMLResponse)
def glossary_page(
    request: Request,
    catalog: CatalogDep,
    session: SessionDep,
    settings: SettingsDep,
    _: ReaderDep,
    q: str | None = None,
    department: str | None = None,
    tag: str | None = None,
    partial: Annotated[bool, Query()] = False,
) -> HTMLResponse:
    """Every approved term, or those a search finds, each with its meanings side by side."""
    lang = _language(request)
    glossary = catalog.view(VISITOR).glossary
    views = _listed(catalog, lang, q=q, department=department or None, tag=tag or None)
    departments = [(d.id, pick(d.name, lang, glossary.languages)) for d in glossary.departments]
    tags = sorted({tag for term in glossary.terms for tag in term.tags})
    name = "_terms.html" if partial else "glossary.html"
    return _page(
        request,
        name,
        lang,
        **({} if partial else _open_proposals(request, session, settings, None)),
        flagged=[]
        if partial or request.app.state.stats is None
        else most_flagged(request, session, catalog, VISITOR, days=30, limit=5),
        terms=views,
        q=q or "",
        department=department or "",
        tag=tag or "",
        departments=departments,
        tags=tags,
        total=len(glossary.terms),
    )


def _listed(
    catalog: CatalogDep, lang: str, *, q: str | None, department: str | None, tag: str | None
) -> list[TermView]:
    """The first terms a search finds, best first; without a search the first terms in the
    order of their labels in ``lang`` (so a Swedish page is in Swedish alphabetical order)."""
    glossary = catalog.view(VISITOR).glossary
    searched = bool(q and q.strip())
    found: list[Any] = []
    after: list[Any] | None = None
    while True:
        page = terms_service.list_terms(
            catalog=catalog,
            principal=VISITOR,
            q=q,
            department=department,
            tag=tag,
            limit=LISTED,
            after=after,
        )
        found.extend(page.items)
        after = page.next_key
        if searched or after is None:
            break
    views = [term_view(stored.term, glossary, lang) for stored in found]
    if not searched:
        views.sort(key=lambda view: (label_key(view.label, lang), view.id))
    return views[:LISTED]


def _open_proposals(
    request: Request, session: SessionDep, settings: SettingsDep, term_id: str | None
) -> dict[str, Any]:
    """The newest open proposals a visitor may see, how many there are, and where all are;
    none when the API would refuse this request its proposals (the same rule as there)."""
    try:
        proposer(request, session, settings)
    except Unauthorized:
        return {"proposals": []}
    page = proposals.list_proposals(
        session=session, principal=VISITOR, status="open", term_id=term_id, limit=PAGE_PROPOSALS
    )
    total = len(page.items)
    if page.next_key is not None:
        total = proposals.count_proposals(
            session=session, principal=VISITOR, status="open", term_id=term_id
        )
    link = "/v1/proposals?status=open" + (f"&term={term_id}" if term_id else "")
    return {"proposals": page.items, "proposals_total": total, "proposals_link": link}


@router.get("/terms/{term_id}", response_class=HTMLResponse)
def term_page(
    request: Request,
    term_id: str,
    catalog: CatalogDep,
    session: SessionDep,
    settings: SettingsDep,
    _: ReaderDep,
) -> HTMLResponse:
    """One term: its labels, meanings side by side, wordings to use, related terms, history."""
    lang = _language(request)
    visible = catalog.view(VISITOR)
    stored = visible.terms.get(term_id)
    if stored is None:
        raise NotFound(f"no term {term_id!r}")
    history = history_service.term_history(
        session=session, term_id=term_id, principal=VISITOR, limit=20
    ).items
    view = term_view(stored.term, visible.glossary, lang)
    return _page(
        request,
        "term.html",
        lang,
        term=view,
        history=history_rows(history, visible.glossary, lang),
        **_open_proposals(request, session, settings, term_id),
    )


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request, _: ReaderDep) -> HTMLResponse:
    """A form to paste a text into."""
    lang = _language(request)
    return _page(request, "check.html", lang, text=SAMPLE_CHECK, format="markdown", result=None)


@router.post("/check", response_class=HTMLResponse)
def check_page(
    request: Request,
    catalog: CatalogDep,
    settings: SettingsDep,
    _: ReaderDep,
    text: Annotated[str, Form()] = "",
    format: Annotated[str, Form()] = "plain",
) -> HTMLResponse:
    """The pasted text with its findings highlighted, and the findings listed."""
    lang = _language(request)
    fmt = format if format in ("plain", "markdown") else "plain"
    check_limit(text, settings.max_check_chars)
    options = CheckOptions(
        format=fmt,  # type: ignore[arg-type]
        language=lang,  # type: ignore[arg-type]
        max_findings=settings.max_findings,
    )
    result = catalog_service.check_text(catalog=catalog, text=text, options=options)
    if request.app.state.stats is not None:
        request.app.state.stats.add(result.findings)
    return _page(
        request,
        "check.html",
        lang,
        text=text,
        format=fmt,
        result=result.findings,
        truncated=result.truncated,
        highlighted=highlight(text, result.findings),
    )


def highlight(text: str, findings: list[Finding]) -> Markup:
    """The text as HTML, each finding in a numbered ``<mark>`` (everything else escaped)."""
    pieces: list[str] = []
    done = 0
    for number, finding in enumerate(findings, 1):
        if finding.offset < done:
            continue
        end = finding.offset + finding.length
        pieces.append(str(escape(text[done : finding.offset])))
        pieces.append(
            f'<mark class="finding {finding.kind}" id="f{number}" '
            f'title="{escape(finding.message)}">{escape(text[finding.offset : end])}'
            f'<sup><a href="#n{number}">{number}</a></sup></mark>'
        )
        done = end
    pieces.append(str(escape(text[done:])))
    return Markup("".join(pieces))


@router.get("/widget/demo", response_class=HTMLResponse)
def widget_demo(request: Request) -> HTMLResponse:
    """The widget on a sample page, and the snippet that embeds it."""
    lang = _language(request)
    base = str(request.base_url).rstrip("/")
    return _page(request, "demo.html", lang, base=base)


@router.get("/widget.js")
def widget_script() -> Response:
    """The widget: one file, no dependencies."""
    return FileResponse(
        STATIC / "widget.js",
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"},
    )


@router.get("/static/{name}")
def static_file(name: str) -> Response:
    """The pages' stylesheet and script."""
    if name not in STATIC_FILES:
        raise NotFound(f"no file {name!r}")
    return FileResponse(
        STATIC / name,
        media_type=STATIC_FILES[name],
        headers={"Cache-Control": "public, max-age=300"},
    )


STATIC_FILES = {
    "glossary.css": "text/css; charset=utf-8",
    "pages.js": "text/javascript; charset=utf-8",
}
