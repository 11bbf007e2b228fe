"""Every edge of the application's table, allowed and refused, per role (R-10 … R-14, R-40, R-41)."""

import pytest

from services.applications import actions
from services.applications.constants import ApplicationStatus as S
from services.applications.transitions import APPLICANT, APPLICATION_MACHINE, COMMISSION, LEADER
from services.casework.models import CaseEvent
from services.casework.transitions import TransitionRefused
from services.notifications.models import Notification
from tests.services.applications import builders

PARAMS = {
    "submit": {"declaration_accepted": True},
    "resubmit": {"declaration_accepted": True},
    "return_for_correction": {"items": ["补充经费证明", "补充安全管理制度"]},
    "start_review": {},
    "withdraw": {"reason": "调整建设方案"},
    "approve": {"targets": "建成数据中心", "tasks": "汇聚数据"},
    "reject": {"reasons": "数据资源基础薄弱。"},
}


def build(status, people):
    p = people
    if status == S.DRAFT:
        return builders.complete_draft(p.applicant)
    if status == S.SUBMITTED:
        return builders.submitted(p.applicant)
    if status == S.RETURNED:
        return builders.returned(p.applicant, p.commission_officer)
    if status == S.RESUBMITTED:
        return builders.resubmitted(p.applicant, p.commission_officer)
    if status == S.UNDER_REVIEW:
        return builders.reviewed(p)
    if status == S.APPROVED:
        return builders.approved(p)
    if status == S.REJECTED:
        return actions.Reject(builders.reviewed(p), reasons="理由").execute(p.commission_leader)
    if status == S.WITHDRAWN:
        return actions.Withdraw(builders.complete_draft(p.applicant)).execute(p.applicant)
    raise AssertionError(status)


def allowed_people(edge) -> set[str]:
    if edge.roles == APPLICANT:
        return {"applicant"}  # only the lead builder's members; not another unit's
    if edge.roles == LEADER:
        return {"commission_leader"}
    if edge.roles == COMMISSION:
        return {"commission_officer", "commission_leader"}
    raise AssertionError(edge)


@pytest.mark.parametrize("edge", APPLICATION_MACHINE.edges, ids=lambda e: f"{e.source}-{e.action}")
def test_edge_allowed_only_for_its_roles(edge, people):
    """R-10 … R-14: each edge is taken by its roles only, writes one event (R-40) and notifies (R-41)."""
    application = build(edge.source, people)
    action_class = actions.ACTIONS[edge.action]
    allowed = allowed_people(edge)
    for name, person in people.as_dict().items():
        if name in allowed:
            assert action_class(application, **PARAMS[edge.action]).check(person) == edge
        else:
            with pytest.raises(TransitionRefused):
                action_class(application, **PARAMS[edge.action]).check(person)
    actor = getattr(people, sorted(allowed)[0])
    events_before = CaseEvent.for_object(application).count()
    notes_before = Notification.objects.count()
    result = action_class(application, **PARAMS[edge.action]).execute(actor)
    assert result.status == edge.target
    events = list(CaseEvent.for_object(application))
    assert len(events) == events_before + 1
    assert (events[-1].from_status, events[-1].to_status, events[-1].actor) == (
        edge.source,
        edge.target,
        actor,
    )
    assert events[-1].public_wording == edge.public_wording
    if not (edge.action == "withdraw" and edge.source == S.DRAFT):
        assert Notification.objects.count() > notes_before


@pytest.mark.parametrize("status", S.values)
def test_actions_outside_the_table_are_refused_with_a_reason(status, people):
    """R-40: an illegal transition changes nothing and says why, in Chinese."""
    application = build(status, people)
    legal = {edge.action for edge in APPLICATION_MACHINE.actions_from(status)}
    for action_name, action_class in actions.ACTIONS.items():
        if action_name in legal:
            continue
        for person in (people.applicant, people.commission_officer, people.commission_leader):
            with pytest.raises(TransitionRefused, match="当前状态为|您没有权限"):
                action_class(application, **PARAMS[action_name]).execute(person)
    application.refresh_from_db()
    assert application.status == status


def test_submit_refused_for_an_unverified_unit(people):
    """R-03: only a verified unit submits."""
    application = builders.complete_draft(people.applicant)
    application.organisation.verified_at = None
    application.organisation.save()
    with pytest.raises(TransitionRefused, match="尚未通过核验"):
        actions.Submit(application, declaration_accepted=True).execute(people.applicant)


def test_submit_needs_the_declaration_and_records_it(people):
    """R-03: the submit step records the submitting user's explicit declaration, with time."""
    application = builders.complete_draft(people.applicant)
    with pytest.raises(TransitionRefused, match="申报声明"):
        actions.Submit(application, declaration_accepted=False).execute(people.applicant)
    application = actions.Submit(application, declaration_accepted=True).execute(people.applicant)
    assert application.declared_by == people.applicant
    assert application.declared_at is not None
    assert "真实、合法、有效" in application.declaration_text


def test_incomplete_application_cannot_be_submitted_and_nothing_changes(people):
    """R-02: an undeclared condition stops the submission; the list names everything missing."""
    application = builders.complete_draft(people.applicant)
    row = application.conditions.get(code="funding")
    row.meets = None
    row.save()
    application.goals = ""
    application.save()
    with pytest.raises(TransitionRefused) as refused:
        actions.Submit(application, declaration_accepted=True).execute(people.applicant)
    assert "未填写“建设目标”" in str(refused.value)
    assert "具有稳定的经费保障”尚未声明" in str(refused.value)
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert application.declared_at is None


def test_return_needs_items_and_keeps_every_round(people):
    """R-10: everything missing is listed at once; the history keeps every round."""
    application = builders.submitted(people.applicant)
    with pytest.raises(TransitionRefused, match="一次性列明"):
        actions.ReturnForCorrection(application, items=["  "]).execute(people.commission_officer)
    actions.ReturnForCorrection(application, items="补充经费证明\n补充人员名单").execute(
        people.commission_officer
    )
    actions.Resubmit(application, declaration_accepted=True).execute(people.applicant)
    actions.ReturnForCorrection(application, items=["补充安全制度"]).execute(people.commission_officer)
    rounds = list(application.corrections.values_list("round_number", "items"))
    assert rounds == [(1, ["补充经费证明", "补充人员名单"]), (2, ["补充安全制度"])]
    assert application.corrections.get(round_number=1).answered_at is not None


def test_decision_without_a_report_is_refused(people):
    """R-14: the commission decides on the panel leader's submitted report."""
    application = builders.under_review(people.applicant, people.commission_officer)
    for action_class, params in ((actions.Approve, PARAMS["approve"]), (actions.Reject, PARAMS["reject"])):
        with pytest.raises(TransitionRefused, match="尚未提交评审报告"):
            action_class(application, **params).execute(people.commission_leader)
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW
    assert application.centre_id is None
