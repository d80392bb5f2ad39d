"""Proposals and keys through the service: review by department, quota, and API keys."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from glossary.db import session_scope
from glossary.errors import Conflict, Forbidden, QuotaExceeded
from glossary.matching.model import Meaning, Term
from glossary.service import decisions, keys, proposals, terms
from glossary.service.keys import ANONYMOUS, Principal, Role

ROOMY = proposals.Quota(per_proposer=5, total=50)
CHURN = Term(
    id="churn",
    labels={"en": ("churn",)},
    meanings=(Meaning(department="sales", definition={"en": "Customers who leave."}),),
)


def _propose(session: Session, term: Term, *, quota: proposals.Quota = ROOMY) -> int:
    row = proposals.propose(
        session=session, term=term, comment="", proposer=ANONYMOUS, origin="10.0.0.1", quota=quota
    )
    return row.id or 0


def test_a_change_applies_once_every_department_it_touches_approves(session: Session) -> None:
    budget = terms.get_term(session=session, term_id="budget")
    proposal = _propose(session, replace(budget.term, tags=("money",)))
    first = decisions.approve(session=session, proposal_id=proposal, editor="sam", scope=["sales"])
    assert first.status == proposals.OPEN
    assert proposals.waiting_for(session, first) == ["marketing"]
    done = decisions.approve(session=session, proposal_id=proposal, editor="mo", scope=None)
    assert (done.status, done.applied_revision) == (proposals.APPROVED, budget.revision + 1)
    assert terms.get_term(session=session, term_id="budget").term.tags == ("money",)


def test_nobody_approves_their_own_proposal(session: Session) -> None:
    row = proposals.propose(
        session=session,
        term=CHURN,
        comment="",
        proposer=Principal("ed", Role.EDITOR),
        origin="ed",
        quota=ROOMY,
    )
    with pytest.raises(Forbidden, match="another editor must approve it"):
        decisions.approve(session=session, proposal_id=row.id or 0, editor="ed", scope=None)


def test_a_rejected_proposal_is_closed(session: Session) -> None:
    proposal = _propose(session, CHURN)
    rejected = decisions.reject(
        session=session, proposal_id=proposal, editor="sam", reason="no", scope=None
    )
    assert (rejected.status, rejected.reason) == (proposals.REJECTED, "no")
    with pytest.raises(Conflict, match="is rejected already"):
        decisions.approve(session=session, proposal_id=proposal, editor="mo", scope=None)


def test_one_proposer_may_have_only_so_many_open_proposals(session: Session) -> None:
    one = proposals.Quota(per_proposer=1, total=50)
    _propose(session, CHURN, quota=one)
    with pytest.raises(QuotaExceeded, match="you have 1 open proposals"):
        _propose(
            session, replace(CHURN, id="churn-rate", labels={"en": ("churn rate",)}), quota=one
        )


def test_a_key_works_until_it_is_revoked(small: Engine) -> None:
    with session_scope(small) as session:
        _, secret = keys.create_key(
            session=session, name="sales-ed", role=Role.EDITOR, departments=["sales"]
        )
    with session_scope(small) as session:
        who = keys.authenticate(session=session, secret=secret)
        assert who == Principal("sales-ed", Role.EDITOR, frozenset({"sales"}))
        assert keys.authenticate(session=session, secret=secret + "x") is None
    with pytest.raises(Conflict, match="exists already"), session_scope(small) as session:
        keys.create_key(session=session, name="sales-ed", role=Role.READER)
    with session_scope(small) as session:
        keys.revoke_key(session=session, name="sales-ed")
    with session_scope(small) as session:
        assert keys.authenticate(session=session, secret=secret) is None
