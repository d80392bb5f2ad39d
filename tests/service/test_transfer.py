"""Whole glossaries through the service: import all or nothing, export per reader, seeding."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from glossary.db import session_scope
from glossary.errors import InvalidGlossaryFile, NotFound
from glossary.matching.model import Department, Glossary, Meaning, Status, Term
from glossary.service import terms, transfer
from glossary.service.keys import ANONYMOUS, Principal, Role
from glossary.service.store import glossary_version
from glossary.terms_file import load_glossary
from tests.conftest import SMALL

NEW = Term(
    id="churn",
    labels={"en": ("churn",)},
    meanings=(Meaning(department="sales", definition={"en": "Customers who leave."}),),
)


def _file(*terms_: Term) -> Glossary:
    return Glossary(languages=("sv", "en"), departments=(), terms=terms_)


def test_an_import_with_one_bad_term_writes_nothing(small: Engine) -> None:
    clash = replace(NEW, id="churn-rate", labels={"en": ("Churn",)})
    with session_scope(small) as session:
        version = glossary_version(session=session)
    refused = pytest.raises(InvalidGlossaryFile, match="also a word of term 'churn'")
    with refused, session_scope(small) as session:
        transfer.import_glossary(
            session=session, glossary=_file(NEW, clash), dry_run=False, actor="ann"
        )
    with session_scope(small) as session:
        assert glossary_version(session=session) == version
        with pytest.raises(NotFound):
            terms.get_term(session=session, term_id="churn")


def test_a_dry_run_reports_what_an_import_would_do_and_writes_nothing(session: Session) -> None:
    budget = terms.get_term(session=session, term_id="budget").term
    report = transfer.import_glossary(
        session=session, glossary=_file(NEW, budget), dry_run=True, actor="ann"
    )
    assert (report.created, report.unchanged, report.updated) == (["churn"], ["budget"], [])
    assert report.changed
    assert report.dry_run
    with pytest.raises(NotFound):
        terms.get_term(session=session, term_id="churn")


def test_an_import_creates_and_updates_terms_and_departments(session: Session) -> None:
    budget = terms.get_term(session=session, term_id="budget").term
    glossary = Glossary(
        languages=("sv", "en", "de"),
        departments=(Department(id="finance", name={"en": "Finance"}),),
        terms=(NEW, replace(budget, tags=("money",))),
    )
    report = transfer.import_glossary(session=session, glossary=glossary, dry_run=False, actor="a")
    assert (report.created, report.updated, report.departments_created) == (
        ["churn"],
        ["budget"],
        ["finance"],
    )
    assert terms.get_term(session=session, term_id="budget").revision == 2


def test_an_export_holds_what_its_reader_may_see(session: Session) -> None:
    terms.replace_term(
        session=session,
        term_id="positioning",
        term=replace(
            terms.get_term(session=session, term_id="positioning").term, status=Status.DRAFT
        ),
        expected=None,
        actor="ann",
    )
    read = transfer.export_glossary(session=session, principal=ANONYMOUS)
    assert [t.id for t in read.terms] == ["budget", "mql"]
    assert read.term("budget").related == ()  # type: ignore[union-attr]
    edited = transfer.export_glossary(session=session, principal=Principal("ed", Role.EDITOR))
    assert len(edited.terms) == 4
    assert edited.term("budget").related == ("positioning",)  # type: ignore[union-attr]


def test_the_seed_goes_into_an_empty_database_only(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert transfer.is_empty(session=session)
        report = transfer.seed_if_empty(session=session, load=lambda: load_glossary(SMALL))
        assert report is not None
        assert len(report.created) == 4
    with session_scope(engine) as session:
        assert not transfer.is_empty(session=session)
        assert transfer.seed_if_empty(session=session, load=lambda: _file(NEW)) is None
