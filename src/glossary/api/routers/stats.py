"""GET /v1/stats/terms: the words we most often misunderstand (opt-in, counts only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from glossary.api.deps import CatalogDep, ReaderDep, SessionDep
from glossary.api.routers.terms import ERRORS
from glossary.errors import NotFound
from glossary.service import stats
from glossary.service.keys import Principal

router = APIRouter(prefix="/v1/stats", tags=["statistics"])


def most_flagged(
    request: Request, session: Any, catalog: Any, principal: Principal, days: int, limit: int
) -> list[dict[str, Any]]:
    """The most-flagged terms with their labels, leaving out terms ``principal`` may not see
    (any longer); NotFound when statistics are off."""
    buffer = request.app.state.stats
    if buffer is None:
        raise NotFound("statistics are off: set GLOSSARY_STATS=true to count findings")
    buffer.flush()
    items = stats.most_flagged(session=session, days=days, limit=limit)
    every, visible = catalog.snapshot.terms, catalog.view(principal).terms
    shown = [item for item in items if item["term"] in visible or item["term"] not in every]
    for item in shown:
        stored = visible.get(item["term"])
        item["label"] = next(iter(stored.term.labels.values()))[0] if stored else item["term"]
    return shown


@router.get("/terms", responses=ERRORS)
def flagged_terms(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    principal: ReaderDep,
    days: Annotated[int, Query(ge=1, le=3660)] = 30,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    """The terms flagged most often by checks over the last ``days`` days, with counts by the
    department their context pointed at ("unknown" when it did not tell)."""
    return {"days": days, "items": most_flagged(request, session, catalog, principal, days, limit)}
