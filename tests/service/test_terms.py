"""Terms through the service: revisions, preconditions, delete and restore, visibility, lists."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from glossary.db import session_scope
from glossary.errors import Conflict, Forbidden, InvalidGlossaryFile, NotFound, PreconditionFailed
from glossary.matching.model import Meaning, Status, Term
from glossary.service import history, terms
from glossary.service.catalog import GlossaryCache
from glossary.service.keys import ANONYMOUS, Principal, Role
from glossary.service.store import glossary_version

EDITOR = Principal(name="editor", role=Role.EDITOR)
PIPELINE = Term(
    id="pipeline",
    labels={"sv": ("pipeline",), "en": ("pipeline",)},
    meanings=(Meaning(department="sales", definition={"en": "Deals not yet won or lost."}),),
)


def test_a_write_against_a_stale_revision_is_refused_and_changes_nothing(session: Session) -> None:
    created = terms.create_term(session=session, term=PIPELINE, actor="ann")
    assert (created.revision, created.updated_by) == (1, "ann")
    renamed = replace(PIPELINE, tags=("sales",))
    updated = terms.replace_term(
        session=session, term_id="pipeline", term=renamed, expected=frozenset({1}), actor="bo"
    )
    assert (updated.revision, updated.term.tags) == (2, ("sales",))
    with pytest.raises(PreconditionFailed, match="now revision 2") as refused:
        terms.replace_term(
            session=session, term_id="pipeline", term=PIPELINE, expected=frozenset({1}), actor="cy"
        )
    assert refused.value.details == [{"current_etag": '"2"'}]
    assert terms.get_term(session=session, term_id="pipeline").term.tags == ("sales",)


def test_an_identical_replace_is_no_new_revision(small: Engine) -> None:
    with session_scope(small) as session:
        before = glossary_version(session=session)
        budget = terms.get_term(session=session, term_id="budget")
        same = terms.replace_term(
            session=session, term_id="budget", term=budget.term, expected=None, actor="ann"
        )
    assert same.revision == budget.revision
    with session_scope(small) as session:
        assert glossary_version(session=session) == before


def test_a_deleted_term_comes_back_from_its_history(session: Session) -> None:
    terms.create_term(session=session, term=PIPELINE, actor="ann")
    terms.delete_term(session=session, term_id="pipeline", expected=frozenset({1}), actor="bo")
    with pytest.raises(NotFound):
        terms.get_term(session=session, term_id="pipeline")
    restored = terms.restore_term(session=session, term_id="pipeline", revision=1, actor="cy")
    assert (restored.revision, restored.term) == (3, PIPELINE)
    page = history.term_history(session=session, term_id="pipeline", principal=EDITOR)
    assert [entry.action for entry in page.items] == ["restore", "delete", "create"]
    assert [entry.revision for entry in page.items] == [3, 2, 1]


def test_a_term_another_lists_as_related_cannot_be_deleted(session: Session) -> None:
    with pytest.raises(Conflict, match="related by budget") as refused:
        terms.delete_term(session=session, term_id="positioning", expected=None, actor="ann")
    assert refused.value.details == [{"related_from": ["budget"]}]
    assert terms.get_term(session=session, term_id="positioning").revision == 1


def test_a_word_of_another_term_is_refused_and_nothing_is_written(session: Session) -> None:
    clash = replace(PIPELINE, labels={"sv": ("Budget",), "en": ("pipeline",)})
    with pytest.raises(InvalidGlossaryFile, match="also a word of term 'budget'"):
        terms.create_term(session=session, term=clash, actor="ann")
    with pytest.raises(NotFound):
        terms.get_term(session=session, term_id="pipeline")


def test_a_scoped_editor_may_not_touch_another_departments_meaning(session: Session) -> None:
    budget = terms.get_term(session=session, term_id="budget").term
    changed = replace(budget, tags=("economy", "money"))  # the term's own fields: every department
    with pytest.raises(Forbidden, match="touches marketing"):
        terms.replace_term(
            session=session,
            term_id="budget",
            term=changed,
            expected=None,
            actor="sales-editor",
            scope=["sales"],
        )


def test_readers_see_approved_terms_only(session: Session) -> None:
    with pytest.raises(NotFound):
        terms.read_term(session=session, term_id="growth-hacking", principal=ANONYMOUS)
    draft = terms.read_term(session=session, term_id="growth-hacking", principal=EDITOR)
    assert draft.term.status is Status.DRAFT


def test_a_draft_history_shows_readers_only_the_approved_state(session: Session) -> None:
    terms.create_term(session=session, term=replace(PIPELINE, status=Status.DRAFT), actor="ann")
    terms.replace_term(
        session=session, term_id="pipeline", term=PIPELINE, expected=frozenset({1}), actor="bo"
    )
    read = history.term_history(session=session, term_id="pipeline", principal=ANONYMOUS)
    assert [(e.action, e.before, e.after is not None) for e in read.items] == [
        ("update", None, True)
    ]
    edited = history.term_history(session=session, term_id="pipeline", principal=EDITOR)
    assert [e.action for e in edited.items] == ["update", "create"]
    assert edited.items[0].changes == ["status"]


def test_lists_come_a_page_at_a_time_and_hide_drafts_from_readers(session: Session) -> None:
    catalog = GlossaryCache().get(session=session)
    first = terms.list_terms(catalog=catalog, principal=ANONYMOUS, limit=2)
    assert [s.term.id for s in first.items] == ["budget", "mql"]
    assert first.next_key == ["mql"]
    rest = terms.list_terms(catalog=catalog, principal=ANONYMOUS, limit=2, after=first.next_key)
    assert ([s.term.id for s in rest.items], rest.next_key) == (["positioning"], None)
    every = terms.list_terms(catalog=catalog, principal=EDITOR, limit=10)
    assert "growth-hacking" in [s.term.id for s in every.items]
