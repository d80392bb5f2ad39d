"""Use cases on a session: terms, departments, history, import/export and the per-process cache."""

from __future__ import annotations

import base64
import json
import threading
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from sqlalchemy import delete, func, text, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from glossary.diff import Change, field_changes
from glossary.errors import (
    Conflict,
    Forbidden,
    InvalidGlossaryFile,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    Problem,
)
from glossary.inputs import MAX_INT, load_json
from glossary.keys import Principal, Role
from glossary.matching.index import TermIndex
from glossary.matching.model import Department, Glossary, Meaning, Status, Term, Usage
from glossary.matching.scan import CheckOptions, CheckResult, check
from glossary.matching.search import TermSearch
from glossary.models import (
    DepartmentRow,
    GlossaryState,
    HistoryRow,
    MeaningRow,
    TermRow,
    TermTextRow,
    utcnow,
)
from glossary.terms_file import parse_term, term_to_dict

MAX_PAGE = 100
SNAPSHOT_ATTEMPTS = 5


# ---------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class StoredTerm:
    """A term as stored: the value plus its revision (the ETag) and audit fields."""

    term: Term
    revision: int
    created_at: datetime
    updated_at: datetime
    updated_by: str

    @property
    def etag(self) -> str:
        """The strong ETag of this revision."""
        return f'"{self.revision}"'


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list and the cursor of the next one (None on the last page)."""

    items: list[Any]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One recorded change of a term."""

    revision: int
    glossary_version: int
    action: str
    actor: str
    at: datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def diff(self) -> list[Change]:
        """Every field that differs, by a dotted path (``meanings.sales.definition.en``)."""
        return field_changes(self.before, self.after)

    @property
    def changes(self) -> list[str]:
        """The top-level fields that differ between before and after."""
        before, after = self.before or {}, self.after or {}
        keys = [k for k in after if k in before or self.before is not None] + [
            k for k in before if k not in after
        ]
        return [k for k in dict.fromkeys(keys) if before.get(k) != after.get(k)]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did (or, on a dry run, would do)."""

    dry_run: bool
    glossary_version: int
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    departments_created: list[str] = field(default_factory=list)
    departments_updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the import writes anything."""
        return bool(
            self.created or self.updated or self.departments_created or self.departments_updated
        )


# ---------------------------------------------------------------------------- text helpers


def fold(text: str) -> str:
    """The comparison form of a label: NFC, case-folded, hyphens and runs of space as one space."""
    text = unicodedata.normalize("NFC", text).casefold().replace("-", " ")
    return " ".join(text.split())


def aware(moment: datetime) -> datetime:
    """A stored time, UTC-aware (SQLite gives it back without a zone)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# ---------------------------------------------------------------------------- reading


def glossary_version(*, session: Session) -> int:
    """The glossary's version number; every write bumps it."""
    return int(session.exec(select(GlossaryState.version).where(GlossaryState.id == 1)).one())


def glossary_languages(*, session: Session) -> tuple[str, ...]:
    """The glossary's languages, the default first."""
    languages = session.exec(select(GlossaryState.languages).where(GlossaryState.id == 1)).one()
    return tuple(languages)


def list_departments(*, session: Session) -> list[Department]:
    """Every department in its defined order."""
    rows = session.exec(select(DepartmentRow).order_by(col(DepartmentRow.position)))
    return [Department(id=row.id, name=dict(row.name)) for row in rows]


def get_department(*, session: Session, department_id: str) -> Department:
    """One department, or NotFound."""
    row = session.get(DepartmentRow, department_id)
    if row is None:
        raise NotFound(f"no department {department_id!r}")
    return Department(id=row.id, name=dict(row.name))


def _load_terms(session: Session, ids: Collection[str] | None = None) -> dict[str, StoredTerm]:
    term_query = select(TermRow)
    text_query = select(TermTextRow).order_by(col(TermTextRow.id))
    meaning_query = select(MeaningRow).order_by(col(MeaningRow.position))
    if ids is not None:
        term_query = term_query.where(col(TermRow.id).in_(ids))
        text_query = text_query.where(col(TermTextRow.term_id).in_(ids))
        meaning_query = meaning_query.where(col(MeaningRow.term_id).in_(ids))
    texts: dict[str, list[TermTextRow]] = defaultdict(list)
    for text_row in session.exec(text_query):
        texts[text_row.term_id].append(text_row)
    meanings: dict[str, list[MeaningRow]] = defaultdict(list)
    for meaning_row in session.exec(meaning_query):
        meanings[meaning_row.term_id].append(meaning_row)
    rows = session.exec(term_query.order_by(col(TermRow.id)))
    return {row.id: _stored_term(row, texts[row.id], meanings[row.id]) for row in rows}


def _localized_texts(rows: Iterable[TermTextRow], kind: str) -> dict[str, tuple[str, ...]]:
    result: dict[str, list[str]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r.position):
        if row.kind == kind:
            result[row.language].append(row.text)
    return {language: tuple(texts) for language, texts in result.items()}


def _stored_term(row: TermRow, texts: list[TermTextRow], meanings: list[MeaningRow]) -> StoredTerm:
    term = Term(
        id=row.id,
        labels=_localized_texts(texts, "label"),
        forms=_localized_texts(texts, "form"),
        meanings=tuple(
            Meaning(
                department=m.department_id,
                definition=dict(m.definition),
                prefer={lang: tuple(v) for lang, v in m.prefer.items()},
                cues={lang: tuple(v) for lang, v in m.cues.items()},
            )
            for m in meanings
        ),
        related=tuple(row.related),
        tags=tuple(row.tags),
        status=Status(row.status),
        usage=Usage(row.usage),
        note=row.note,
    )
    return StoredTerm(
        term=term,
        revision=row.revision,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        updated_by=row.updated_by,
    )


def get_term(*, session: Session, term_id: str) -> StoredTerm:
    """One term with its revision, or NotFound."""
    return _existing(_load_terms(session, [term_id]), term_id)


def _existing(stored: Mapping[str, StoredTerm], term_id: str) -> StoredTerm:
    found = stored.get(term_id)
    if found is None:
        raise NotFound(f"no term {term_id!r}")
    return found


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The whole glossary at one version, with the stored form of every term."""

    version: int
    glossary: Glossary
    terms: Mapping[str, StoredTerm]


def load_snapshot(*, session: Session) -> Snapshot:
    """A consistent copy of the glossary: retried if a write lands while it is read."""
    for _ in range(SNAPSHOT_ATTEMPTS):
        version = glossary_version(session=session)
        terms = _load_terms(session)
        glossary = Glossary(
            languages=glossary_languages(session=session),
            departments=tuple(list_departments(session=session)),
            terms=tuple(stored.term for stored in terms.values()),
        )
        if glossary_version(session=session) == version:
            return Snapshot(version=version, glossary=glossary, terms=terms)
        session.rollback()
    raise Conflict("the glossary changed while it was read; try again")


# ---------------------------------------------------------------------------- who sees what
#
# Readers (anonymous or with a reader key) see approved terms only; editors and admins see
# every review stage. Every read path asks these functions, so the rule lives here alone.

_EVERY_STAGE = frozenset(Status)
_APPROVED_ONLY = frozenset({Status.APPROVED})


def readable_statuses(principal: Principal) -> frozenset[Status]:
    """The review stages ``principal`` may read."""
    return _EVERY_STAGE if principal.role >= Role.EDITOR else _APPROVED_ONLY


def can_read(principal: Principal, term: Term | None) -> bool:
    """Whether ``principal`` may see ``term`` (None: there is no such term)."""
    return term is not None and term.status in readable_statuses(principal)


def listed_statuses(principal: Principal, wanted: Status | None) -> frozenset[Status]:
    """The stages a list shows: the one asked for, if ``principal`` may read it; else all
    the stages it may read."""
    readable = readable_statuses(principal)
    if wanted is None:
        return readable
    if wanted not in readable:
        raise InvalidInput(f"only editors can list terms that are {wanted.value}")
    return frozenset({wanted})


def _state_readable(statuses: Collection[str], state: Mapping[str, Any] | None) -> bool:
    """Whether a stored state of a term (history, in the file format) is in ``statuses``."""
    return state is not None and state.get("status", Status.APPROVED.value) in statuses


def _without(term: Term, hidden: Collection[str]) -> Term:
    """The term without related ids its reader may not see."""
    if not any(other in hidden for other in term.related):
        return term
    return replace(term, related=tuple(other for other in term.related if other not in hidden))


@dataclass(frozen=True, slots=True)
class View:
    """What one kind of reader sees of a snapshot: the terms of the stages they may read,
    with no related id of a term they may not."""

    terms: Mapping[str, StoredTerm]
    glossary: Glossary


def _view(snapshot: Snapshot, statuses: frozenset[Status]) -> View:
    if statuses == _EVERY_STAGE:
        return View(terms=snapshot.terms, glossary=snapshot.glossary)
    hidden = {i for i, s in snapshot.terms.items() if s.term.status not in statuses}
    terms = {
        term_id: replace(stored, term=_without(stored.term, hidden))
        for term_id, stored in snapshot.terms.items()
        if term_id not in hidden
    }
    glossary = replace(snapshot.glossary, terms=tuple(s.term for s in terms.values()))
    return View(terms=terms, glossary=glossary)


def read_term(*, session: Session, term_id: str, principal: Principal) -> StoredTerm:
    """One term as ``principal`` may see it; NotFound when it may not see it at all."""
    stored = _load_terms(session, [term_id]).get(term_id)
    if stored is None or not can_read(principal, stored.term):
        raise NotFound(f"no term {term_id!r}")
    if not stored.term.related or principal.role >= Role.EDITOR:
        return stored
    hidden = session.exec(
        select(TermRow.id).where(
            col(TermRow.id).in_(stored.term.related),
            col(TermRow.status).not_in(list(readable_statuses(principal))),
        )
    ).all()
    return replace(stored, term=_without(stored.term, set(hidden)))


# ---------------------------------------------------------------------------- the cache


#: How often a process reads the glossary version when nothing told it of a write.
POLL_SECONDS = 0.5
#: The PostgreSQL channel that announces every write, and the session key that marks one.
CHANNEL = "glossary_changed"
WROTE = "glossary_written"
VERSION_QUERY = "SELECT version FROM glossary_state WHERE id = 1"


class Catalog:
    """The glossary at one version and what is derived from it (search index, later more)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._views: dict[frozenset[Status], View] = {}

    def view(self, principal: Principal) -> View:
        """The terms ``principal`` may see (built once per kind of reader)."""
        statuses = readable_statuses(principal)
        found = self._views.get(statuses)
        if found is None:
            found = self._views[statuses] = _view(self.snapshot, statuses)
        return found

    @property
    def version(self) -> int:
        """The glossary version this catalog was built from."""
        return self.snapshot.version

    @cached_property
    def search(self) -> TermSearch:
        """The fuzzy search index over every term, built on first use."""
        return TermSearch(self.snapshot.glossary.terms)

    @cached_property
    def index(self) -> TermIndex:
        """The check index over the approved terms, built on first use."""
        return TermIndex.build(self.snapshot.glossary)


class GlossaryCache:
    """Per process: the newest catalog, rebuilt when the glossary version moves.

    Requests do not ask the database whether it moved: a write through this process, a
    PostgreSQL notification of a write through another (see glossary.notify), or a background
    poll of the version every ``poll`` seconds marks the catalog stale, and the next request
    reads the version and rebuilds. While the database is away, checks keep the last catalog."""

    def __init__(self, poll: float = POLL_SECONDS) -> None:
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._poll = poll
        self._stale = True
        self._retry_at = 0.0
        self.rebuilds: list[float] = []  # seconds each rebuild took (for metrics)

    def invalidate(self) -> None:
        """Read the version on the next request (after a write, or a notification)."""
        self._stale = True

    def watch(self, engine: Any) -> Callable[[], None]:
        """Poll the version in the background; call the returned function to stop (it waits
        for the poll in progress, so that its connection is back before the pool closes)."""
        stopping = threading.Event()

        def poll() -> None:
            while not stopping.wait(self._poll):
                catalog = self._catalog
                try:
                    with engine.connect() as connection:
                        version = connection.execute(text(VERSION_QUERY)).scalar_one()
                except DBAPIError:
                    continue  # the database is away; requests will tell
                if catalog is None or version != catalog.version:
                    self.invalidate()

        thread = threading.Thread(target=poll, name="glossary-version-poll", daemon=True)
        thread.start()

        def stop() -> None:
            stopping.set()
            thread.join(timeout=10)

        return stop

    def get(self, *, session: Session, stale_ok: bool = False) -> Catalog:
        """The catalog for the database's current version; with ``stale_ok``, the last one
        while the database cannot be reached."""
        catalog = self._catalog
        if catalog is not None and not self._stale:
            return catalog
        if catalog is not None and stale_ok and time.monotonic() < self._retry_at:
            return catalog  # the database was away a moment ago: ask again later
        self._stale = False  # cleared before reading: a write meanwhile marks it again
        try:
            version = glossary_version(session=session)
        except DBAPIError:
            self._stale = True
            self._retry_at = time.monotonic() + self._poll
            if catalog is None or not stale_ok:
                raise
            session.rollback()
            return catalog  # the database is away: answer from what we have
        if catalog is not None and catalog.version == version:
            return catalog
        with self._lock:
            catalog = self._catalog
            if catalog is None or catalog.version != version:
                started = time.perf_counter()
                catalog = Catalog(load_snapshot(session=session))
                catalog.index  # noqa: B018 (build it now, not in the first check)
                self.rebuilds.append(time.perf_counter() - started)
                self._catalog = catalog
        return catalog


# ---------------------------------------------------------------------------- checking


def check_text(*, catalog: Catalog, text: str, options: CheckOptions) -> CheckResult:
    """Check a text against the glossary; the audience must name known departments."""
    if options.audience is not None:
        require_departments(catalog=catalog, given=options.audience, where="audience")
    return check(text, catalog.index, options)


def require_departments(*, catalog: Catalog, given: Collection[str], where: str) -> None:
    """422 naming the known departments when ``given`` (a filter or an audience, found at
    ``where``) names one this glossary does not have."""
    known = {d.id for d in catalog.snapshot.glossary.departments}
    unknown = sorted(set(given) - known)
    if unknown:
        raise InvalidInput(
            f"unknown department {', '.join(map(repr, unknown))} in {where}; "
            f"known: {', '.join(sorted(known))}",
            details=[{"path": where, "message": f"unknown department {u!r}"} for u in unknown],
        )


# ---------------------------------------------------------------------------- listing


def _encode_cursor(key: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = load_json(base64.urlsafe_b64decode(padded.encode()))
    except ValueError:  # also nested too deeply, or not UTF-8
        raise InvalidInput("invalid cursor: pass next_cursor from the previous page") from None
    if not isinstance(key, list):
        raise InvalidInput("invalid cursor: pass next_cursor from the previous page")
    return key


def paginate(keyed: Sequence[tuple[list[Any], Any]], *, limit: int, cursor: str | None) -> Page:
    """Keyset pagination over items sorted by key: the page after ``cursor``."""
    items = keyed
    if cursor is not None:
        after = _decode_cursor(cursor)
        try:
            items = [pair for pair in keyed if pair[0] > after]
        except TypeError:
            raise InvalidInput("invalid cursor: pass next_cursor from the previous page") from None
    page = items[:limit]
    more = len(items) > limit
    return Page(
        items=[item for _, item in page],
        next_cursor=_encode_cursor(page[-1][0]) if more and page else None,
    )


def _wanted(
    term: Term, *, department: str | None, tag: str | None, statuses: Collection[Status]
) -> bool:
    if term.status not in statuses:
        return False
    if department is not None and all(m.department != department for m in term.meanings):
        return False
    return tag is None or tag in term.tags


def list_terms(
    *,
    catalog: Catalog,
    principal: Principal,
    q: str | None = None,
    department: str | None = None,
    tag: str | None = None,
    status: Status | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> Page:
    """The terms ``principal`` may see (of one ``status`` if asked), filtered and, with ``q``,
    fuzzily searched best first; paginated by cursor. An unknown ``department`` is 422."""
    if department is not None:
        require_departments(catalog=catalog, given=[department], where="query.department")
    statuses = listed_statuses(principal, status)
    stored = catalog.view(principal).terms
    if q and q.strip():
        ranked = catalog.search.search(q)
        keyed = [
            ([-round(score, 3), term_id], stored[term_id])
            for term_id, score in ranked
            if term_id in stored
        ]
    else:
        keyed = [([term_id], stored[term_id]) for term_id in sorted(stored)]
    wanted = [
        pair
        for pair in keyed
        if _wanted(pair[1].term, department=department, tag=tag, statuses=statuses)
    ]
    return paginate(wanted, limit=min(max(limit, 1), MAX_PAGE), cursor=cursor)


# ---------------------------------------------------------------------------- writing


def _begin_write(session: Session) -> int:
    """Bump the version first: on SQLite this takes the write lock, on PostgreSQL the row lock,
    so writers are serialized and every read after it sees the latest committed state."""
    session.exec(
        update(GlossaryState)
        .where(col(GlossaryState.id) == 1)
        .values(version=GlossaryState.version + 1, updated_at=utcnow())
    )
    version = glossary_version(session=session)
    session.info[WROTE] = version
    if session.get_bind().dialect.name == "postgresql":
        # Delivered at commit to every process that listens: they rebuild at once.
        notify = text("SELECT pg_notify(:channel, :version)")
        session.execute(notify, {"channel": CHANNEL, "version": str(version)})
    return version


def _department_ids(session: Session) -> list[str]:
    return [d.id for d in list_departments(session=session)]


def validate_term(*, session: Session, raw: object, path: str = "term") -> Term:
    """A term from request data, checked against this glossary's languages and departments."""
    return parse_term(
        raw,
        languages=glossary_languages(session=session),
        departments=_department_ids(session),
        path=path,
    )


def _text_problems(terms: Iterable[Term], *, paths: Mapping[str, str]) -> list[Problem]:
    """Labels and forms must be unique per language across terms (else matching is ambiguous)."""
    owner: dict[tuple[str, str], str] = {}
    problems: list[Problem] = []
    for term in terms:
        for kind, texts in (("label", term.labels), ("form", term.forms)):
            for language, values in texts.items():
                where = f"{paths.get(term.id, term.id)}.{kind}s.{language}"
                folded = [fold(value) for value in values]
                for i, (value, norm) in enumerate(zip(values, folded, strict=True)):
                    other = owner.setdefault((language, norm), term.id)
                    if other != term.id:
                        problems.append(
                            Problem(where, f"{value!r} is also a word of term {other!r}")
                        )
                    elif norm in folded[:i]:
                        problems.append(Problem(where, f"{value!r} is listed twice"))
    return problems


def _related_problems(
    terms: Iterable[Term], *, known: Collection[str], paths: Mapping[str, str]
) -> list[Problem]:
    return [
        Problem(f"{paths.get(term.id, term.id)}.related", f"unknown term {other!r}")
        for term in terms
        for other in term.related
        if other not in known
    ]


def _check_final_state(final: Mapping[str, Term], *, paths: Mapping[str, str]) -> None:
    # Terms being written come last, so a clash is reported where the new input is.
    ordered = sorted(final.values(), key=lambda term: term.id in paths)
    problems = _text_problems(ordered, paths=paths)
    problems += _related_problems(
        (final[term_id] for term_id in paths), known=final.keys(), paths=paths
    )
    if problems:
        raise InvalidGlossaryFile(problems, source="the change")


def check_fits(*, session: Session, term: Term, path: str = "term") -> None:
    """422 when ``term``, written now, would break the glossary's rules (a label or form of
    another term, an unknown related term), as a direct write would be refused."""
    final = _all_terms(session)
    final[term.id] = term
    _check_final_state(final, paths={term.id: path})


def _term_rows(term: Term) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    texts = [
        {
            "term_id": term.id,
            "kind": kind,
            "language": language,
            "position": position,
            "text": value,
            "norm": fold(value),
        }
        for kind, localized in (("label", term.labels), ("form", term.forms))
        for language, values in localized.items()
        for position, value in enumerate(values)
    ]
    meanings = [
        {
            "term_id": term.id,
            "department_id": meaning.department,
            "position": position,
            "definition": dict(meaning.definition),
            "prefer": {lang: list(v) for lang, v in meaning.prefer.items()},
            "cues": {lang: list(v) for lang, v in meaning.cues.items()},
        }
        for position, meaning in enumerate(term.meanings)
    ]
    return texts, meanings


def _write_children(session: Session, terms: Sequence[Term]) -> None:
    texts: list[dict[str, Any]] = []
    meanings: list[dict[str, Any]] = []
    for term in terms:
        term_texts, term_meanings = _term_rows(term)
        texts += term_texts
        meanings += term_meanings
    if texts:
        session.execute(TermTextRow.__table__.insert(), texts)  # type: ignore[attr-defined]
    if meanings:
        session.execute(MeaningRow.__table__.insert(), meanings)  # type: ignore[attr-defined]


def _delete_children(session: Session, term_ids: Collection[str]) -> None:
    session.exec(delete(TermTextRow).where(col(TermTextRow.term_id).in_(term_ids)))
    session.exec(delete(MeaningRow).where(col(MeaningRow.term_id).in_(term_ids)))


def _last_revision(session: Session, term_id: str) -> int:
    last = session.exec(
        select(func.max(HistoryRow.revision)).where(HistoryRow.term_id == term_id)
    ).one()
    return int(last or 0)


def _record(
    session: Session,
    *,
    term_id: str,
    revision: int,
    version: int,
    action: str,
    actor: str,
    before: Term | None,
    after: Term | None,
) -> None:
    session.add(
        HistoryRow(
            term_id=term_id,
            revision=revision,
            glossary_version=version,
            action=action,
            actor=actor,
            at=utcnow(),
            before=term_to_dict(before) if before else None,
            after=term_to_dict(after) if after else None,
        )
    )


def _put_term_row(session: Session, term: Term, *, revision: int, actor: str) -> None:
    now = utcnow()
    row = session.get(TermRow, term.id)
    if row is None:
        row = TermRow(
            id=term.id,
            created_at=now,
            status=term.status,
            usage=term.usage,
            tags=[],
            related=[],
            updated_at=now,
            updated_by=actor,
        )
    row.revision = revision
    row.status = term.status.value
    row.usage = term.usage.value
    row.note = term.note
    row.tags = list(term.tags)
    row.related = list(term.related)
    row.updated_at = now
    row.updated_by = actor
    session.add(row)


def _all_terms(session: Session) -> dict[str, Term]:
    return {term_id: stored.term for term_id, stored in _load_terms(session).items()}


def _store(
    session: Session,
    terms: Sequence[Term],
    *,
    previous: Mapping[str, StoredTerm],
    version: int,
    actor: str,
    action: str,
) -> None:
    """Write new states of terms: row, words, meanings, and one history entry each."""
    _delete_children(session, [term.id for term in terms if term.id in previous])
    for term in terms:
        old = previous.get(term.id)
        revision = old.revision + 1 if old else _last_revision(session, term.id) + 1
        _put_term_row(session, term, revision=revision, actor=actor)
        _record(
            session,
            term_id=term.id,
            revision=revision,
            version=version,
            action=action,
            actor=actor,
            before=old.term if old else None,
            after=term,
        )
    session.flush()
    _write_children(session, terms)
    session.flush()


def create_term(
    *,
    session: Session,
    term: Term,
    actor: str,
    action: str = "create",
    scope: Collection[str] | None = None,
) -> StoredTerm:
    """Create a term (a deleted id may be created again; its revisions continue)."""
    version = _begin_write(session)
    return _create(session, term, version=version, actor=actor, action=action, scope=scope)


def _create(
    session: Session,
    term: Term,
    *,
    version: int,
    actor: str,
    action: str,
    scope: Collection[str] | None,
) -> StoredTerm:
    """Create a term inside a write begun with ``_begin_write``."""
    final = _all_terms(session)
    if term.id in final:
        raise Conflict(f"term {term.id!r} exists already; replace it with PUT")
    require_scope(scope, None, term, actor=actor)
    final[term.id] = term
    _check_final_state(final, paths={term.id: "term"})
    _store(session, [term], previous={}, version=version, actor=actor, action=action)
    return get_term(session=session, term_id=term.id)


def touched_departments(before: Term | None, after: Term | None) -> set[str]:
    """The departments whose meanings a change touches; a change of the term's own fields
    (labels, forms, tags, …) touches every department the term has."""
    if before is None or after is None:
        term = after or before
        return {m.department for m in term.meanings} if term else set()
    old = {m.department: m for m in before.meanings}
    new = {m.department: m for m in after.meanings}
    touched = {d for d in old.keys() | new.keys() if old.get(d) != new.get(d)}
    if replace(before, meanings=()) != replace(after, meanings=()):
        touched |= old.keys() | new.keys()
    return touched


def require_scope(
    scope: Collection[str] | None, before: Term | None, after: Term | None, *, actor: str
) -> None:
    """403 when a department-scoped editor's change touches another department's meaning."""
    if scope is None:
        return
    outside = sorted(touched_departments(before, after) - set(scope))
    if outside:
        raise Forbidden(
            f"{actor!r} may change the meanings of {', '.join(sorted(scope)) or 'no department'}"
            f" only; this change touches {', '.join(outside)}"
        )


def etag_matches(if_match: str, revision: int, *, weak: bool = False) -> bool:
    """Whether an ``If-Match`` header value names this revision (``*`` matches any). RFC 9110
    compares strongly for ``If-Match``: a weak ``W/"3"`` names nothing; ``weak=True`` (for
    ``If-None-Match``) lets it match."""
    tags = [tag.strip() for tag in if_match.split(",")]
    if weak:
        tags = [tag.removeprefix("W/") for tag in tags]
    return "*" in tags or f'"{revision}"' in tags


def _require_current(current: StoredTerm, if_match: str | None) -> None:
    if if_match is not None and not etag_matches(if_match, current.revision):
        raise PreconditionFailed(
            f"term {current.term.id!r} has changed since you read it (now revision "
            f"{current.revision}); fetch it again and reapply your change",
            details=[{"current_etag": current.etag}],
        )


def replace_term(
    *,
    session: Session,
    term_id: str,
    term: Term,
    if_match: str,
    actor: str,
    action: str = "update",
    scope: Collection[str] | None = None,
) -> StoredTerm:
    """Replace a term if ``if_match`` names its current revision; an identical body is a no-op."""
    version = _begin_write(session)
    return _replace(
        session, term_id, term, if_match, version=version, actor=actor, action=action, scope=scope
    )


def _replace(
    session: Session,
    term_id: str,
    term: Term,
    if_match: str,
    *,
    version: int,
    actor: str,
    action: str,
    scope: Collection[str] | None,
) -> StoredTerm:
    """Replace a term inside a write begun with ``_begin_write``."""
    stored = _load_terms(session)
    current = _existing(stored, term_id)
    _require_current(current, if_match)
    require_scope(scope, current.term, term, actor=actor)
    if term == current.term:
        session.rollback()
        return current
    final = {other.term.id: other.term for other in stored.values()}
    final[term_id] = term
    _check_final_state(final, paths={term_id: "term"})
    _store(
        session, [term], previous={term_id: current}, version=version, actor=actor, action=action
    )
    return get_term(session=session, term_id=term_id)


def delete_term(
    *,
    session: Session,
    term_id: str,
    if_match: str,
    actor: str,
    scope: Collection[str] | None = None,
) -> None:
    """Delete a term if ``if_match`` names its current revision; its history stays, so it
    can be restored."""
    version = _begin_write(session)
    stored = _load_terms(session)
    current = _existing(stored, term_id)
    _require_current(current, if_match)
    require_scope(scope, current.term, None, actor=actor)
    referrers = sorted(other.term.id for other in stored.values() if term_id in other.term.related)
    if referrers:
        raise Conflict(
            f"term {term_id!r} is listed as related by {', '.join(referrers)}; "
            "remove it there first",
            details=[{"related_from": referrers}],
        )
    _delete_children(session, [term_id])
    session.exec(delete(TermRow).where(col(TermRow.id) == term_id))
    _record(
        session,
        term_id=term_id,
        revision=current.revision + 1,
        version=version,
        action="delete",
        actor=actor,
        before=current.term,
        after=None,
    )


def id_cursor(cursor: str | None) -> int | None:
    """The row id a keyset cursor of a newest-first list points after (None: the first page)."""
    if cursor is None:
        return None
    after = _decode_cursor(cursor)
    if len(after) != 1 or type(after[0]) is not int or not 0 < after[0] <= MAX_INT:
        raise InvalidInput("invalid cursor: pass next_cursor from the previous page")
    return after[0]


def id_page(pairs: Sequence[tuple[int, Any]], *, limit: int) -> Page:
    """A newest-first page from up to ``limit + 1`` (row id, item) pairs."""
    more = len(pairs) > limit
    return Page(
        items=[item for _, item in pairs[:limit]],
        next_cursor=_encode_cursor([pairs[limit - 1][0]]) if more else None,
    )


def _history_rows(
    session: Session, term_id: str, after: int | None, batch: int
) -> Iterable[HistoryRow]:
    """A term's history rows, newest first, read ``batch`` at a time."""
    while True:
        query = select(HistoryRow).where(HistoryRow.term_id == term_id)
        if after is not None:
            query = query.where(col(HistoryRow.id) < after)
        rows = list(session.exec(query.order_by(col(HistoryRow.id).desc()).limit(batch)))
        yield from rows
        if len(rows) < batch:
            return
        after = rows[-1].id


def _history_entry(row: HistoryRow, statuses: Collection[str]) -> HistoryEntry | None:
    """The entry with each state its reader may not see as null; None when both are."""
    before = row.before if _state_readable(statuses, row.before) else None
    after = row.after if _state_readable(statuses, row.after) else None
    if before is None and after is None:
        return None
    return HistoryEntry(
        revision=row.revision,
        glossary_version=row.glossary_version,
        action=row.action,
        actor=row.actor,
        at=aware(row.at),
        before=before,
        after=after,
    )


def term_history(
    *,
    session: Session,
    term_id: str,
    principal: Principal,
    limit: int = 50,
    cursor: str | None = None,
) -> Page:
    """Every change of a term (also a deleted one), newest first. A reader sees it while the
    term is readable or deleted, and only its readable states: one in another review stage is
    null, and a change between two such states is left out."""
    statuses = {status.value for status in readable_statuses(principal)}
    current = session.get(TermRow, term_id)
    if current is not None and current.status not in statuses:
        raise NotFound(f"no term {term_id!r}")
    after = id_cursor(cursor)
    limit = min(max(limit, 1), MAX_PAGE)
    pairs: list[tuple[int, HistoryEntry]] = []
    for row in _history_rows(session, term_id, after, batch=limit + 1):
        entry = _history_entry(row, statuses)
        if entry is not None:
            pairs.append((row.id or 0, entry))
        if len(pairs) > limit:
            break
    if not pairs and cursor is None:
        raise NotFound(f"no term {term_id!r}, and no history of one")
    return id_page(pairs, limit=limit)


def restore_term(
    *,
    session: Session,
    term_id: str,
    revision: int,
    actor: str,
    scope: Collection[str] | None = None,
) -> StoredTerm:
    """Bring back the term as it was at ``revision`` (also after a delete); a new revision.
    The write lock comes first, so a delete or edit that commits meanwhile is seen."""
    version = _begin_write(session)
    row = session.exec(
        select(HistoryRow).where(HistoryRow.term_id == term_id, HistoryRow.revision == revision)
    ).first()
    if row is None or row.after is None:
        raise NotFound(f"term {term_id!r} has no revision {revision} to restore")
    term = validate_term(session=session, raw=row.after, path=f"revision {revision}")
    if session.get(TermRow, term_id) is None:
        return _create(session, term, version=version, actor=actor, action="restore", scope=scope)
    return _replace(
        session, term_id, term, "*", version=version, actor=actor, action="restore", scope=scope
    )


# ---------------------------------------------------------------------------- departments


def create_department(*, session: Session, department: Department) -> Department:
    """Add a department at the end of the list."""
    _begin_write(session)
    if session.get(DepartmentRow, department.id) is not None:
        raise Conflict(f"department {department.id!r} exists already")
    position = session.exec(select(func.max(DepartmentRow.position))).one()
    session.add(
        DepartmentRow(id=department.id, name=dict(department.name), position=(position or 0) + 1)
    )
    session.flush()
    return department


def replace_department(*, session: Session, department: Department) -> Department:
    """Rename a department (its id is stable)."""
    _begin_write(session)
    row = session.get(DepartmentRow, department.id)
    if row is None:
        raise NotFound(f"no department {department.id!r}")
    row.name = dict(department.name)
    session.add(row)
    session.flush()
    return department


# ---------------------------------------------------------------------------- import / export


def _merge_languages(session: Session, incoming: Sequence[str]) -> None:
    state = session.get(GlossaryState, 1)
    assert state is not None
    merged = list(dict.fromkeys([*state.languages, *incoming]))
    if merged != state.languages:
        state.languages = merged
        session.add(state)


def _import_departments(
    session: Session, departments: Sequence[Department], report: ImportReport
) -> None:
    existing = {d.id: d for d in list_departments(session=session)}
    position = len(existing)
    for department in departments:
        old = existing.get(department.id)
        if old is None:
            position += 1
            session.add(
                DepartmentRow(id=department.id, name=dict(department.name), position=position)
            )
            report.departments_created.append(department.id)
        elif dict(old.name) != dict(department.name):
            row = session.get(DepartmentRow, department.id)
            assert row is not None
            row.name = dict(department.name)
            session.add(row)
            report.departments_updated.append(department.id)
    session.flush()


def import_glossary(
    *, session: Session, glossary: Glossary, dry_run: bool, actor: str
) -> ImportReport:
    """Create or update every department and term of a file, all or nothing."""
    version = _begin_write(session)
    existing = _load_terms(session)
    report = ImportReport(dry_run=dry_run, glossary_version=version)
    final = {term_id: stored.term for term_id, stored in existing.items()}
    final.update({term.id: term for term in glossary.terms})
    paths = {term.id: f"terms[{i}]" for i, term in enumerate(glossary.terms)}
    _check_final_state(final, paths=paths)
    for term in glossary.terms:
        old = existing.get(term.id)
        bucket = (
            report.created
            if old is None
            else (report.unchanged if old.term == term else report.updated)
        )
        bucket.append(term.id)
    if dry_run or not report.changed:
        session.rollback()
        return replace(report, glossary_version=version - 1)
    _merge_languages(session, glossary.languages)
    _import_departments(session, glossary.departments, report)
    changed = {*report.created, *report.updated}
    _store(
        session,
        [term for term in glossary.terms if term.id in changed],
        previous=existing,
        version=version,
        actor=actor,
        action="import",
    )
    return report


def export_glossary(*, session: Session, principal: Principal) -> Glossary:
    """The whole glossary as ``principal`` may see it, as a value ready to dump."""
    snapshot = load_snapshot(session=session)
    return _view(snapshot, readable_statuses(principal)).glossary


def is_empty(*, session: Session) -> bool:
    """True when the glossary has no terms and no departments yet."""
    no_terms = session.exec(select(func.count()).select_from(TermRow)).one() == 0
    no_departments = session.exec(select(func.count()).select_from(DepartmentRow)).one() == 0
    return bool(no_terms and no_departments)


def seed_if_empty(
    *, session: Session, load: Callable[[], Glossary], actor: str = "seed"
) -> ImportReport | None:
    """Import the seed glossary into an empty database; leave a used one alone."""
    if not is_empty(session=session):
        return None
    return import_glossary(session=session, glossary=load(), dry_run=False, actor=actor)
