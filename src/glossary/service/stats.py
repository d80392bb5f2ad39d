"""Ambiguity statistics (opt-in with GLOSSARY_STATS=true): how often each term is flagged, by
day and by the department its context pointed at. Only counts are kept, never checked text.

Counts gather in memory per process and are added to the database in one statement per
(day, term, department) every few seconds, when asked for, and when the server stops, so that
checking stays one read-only request.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from glossary.matching.findings import Finding
from glossary.models import TermStatRow, utcnow

UNKNOWN = "unknown"
FLUSH_SECONDS = 5.0
FLUSH_KEYS = 1_000


class StatsBuffer:
    """Counts not yet written; thread-safe."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._counts: Counter[tuple[date, str, str]] = Counter()
        self._lock = threading.Lock()
        self._flushed = time.monotonic()

    def add(self, findings: Iterable[Finding]) -> None:
        """Count a check's findings (the term and likely department of each, nothing else)."""
        today = utcnow().date()
        with self._lock:
            for finding in findings:
                self._counts[today, finding.term.id, finding.likely_department or UNKNOWN] += 1
            due = (
                len(self._counts) >= FLUSH_KEYS or time.monotonic() - self._flushed > FLUSH_SECONDS
            )
        if due:
            self.flush()

    def flush(self) -> None:
        """Add the gathered counts to the database."""
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._flushed = time.monotonic()
        if not counts:
            return
        rows = [
            {"day": day, "term_id": term, "department": department, "count": count}
            for (day, term, department), count in counts.items()
        ]
        with Session(self.engine) as session:
            if self.engine.dialect.name == "postgresql":
                from sqlalchemy.dialects.postgresql import insert
            else:
                from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
            statement = insert(TermStatRow).values(rows)
            statement = statement.on_conflict_do_update(
                index_elements=["day", "term_id", "department"],
                set_={"count": TermStatRow.__table__.c.count + statement.excluded.count},  # type: ignore[attr-defined]
            )
            session.execute(statement)
            session.commit()


def most_flagged(*, session: Session, days: int, limit: int) -> list[dict[str, Any]]:
    """The terms flagged most often over the last ``days`` days, with counts by department."""
    since = utcnow().date() - timedelta(days=days - 1)
    rows = session.exec(
        select(TermStatRow.term_id, TermStatRow.department, func.sum(TermStatRow.count))
        .where(col(TermStatRow.day) >= since)
        .group_by(col(TermStatRow.term_id), col(TermStatRow.department))
    ).all()
    totals: dict[str, dict[str, int]] = {}
    for term_id, department, count in rows:
        totals.setdefault(term_id, {})[department] = int(count)
    ranked = sorted(totals.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return [
        {"term": term_id, "count": sum(by.values()), "departments": dict(sorted(by.items()))}
        for term_id, by in ranked[:limit]
    ]
