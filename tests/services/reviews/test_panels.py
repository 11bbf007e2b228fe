"""Expert panels (R-11): by field, exactly one leader, conflicts refused and recorded, object permissions."""

import pytest

from services.applications.models import Application
from services.casework.transitions import TransitionRefused
from services.notifications.models import Notification
from services.reviews.actions import AddPanelMember, DeclareConflict, eligible_experts
from services.reviews.models import PanelMember, PanelRecusal
from tests.factories.accounts import OrganisationFactory
from tests.services.applications import builders


@pytest.fixture
def application(people):
    return builders.under_review(people.applicant, people.commission_officer)


def test_expert_employed_by_the_applicant_is_refused_and_the_refusal_recorded(people, application):
    """R-11: an expert who belongs to the applicant unit cannot be put on the panel; the recusal is recorded."""
    insider = builders.make_expert(employer=application.organisation, name="申请单位专家")
    with pytest.raises(TransitionRefused, match="任职于申请单位"):
        AddPanelMember(application, expert=insider, is_leader=True).execute(people.commission_officer)
    assert not PanelMember.objects.filter(expert=insider).exists()
    recusal = PanelRecusal.objects.get(expert=insider)
    assert recusal.application == application and "须回避" in recusal.reason
    assert not Application.objects.visible_to(insider).exists()


def test_expert_employed_by_a_partner_is_refused(people):
    """R-11: partner units of a joint build count as the applicant."""
    partner = OrganisationFactory()
    draft = builders.complete_draft(people.applicant)
    draft.partners.create(organisation=partner, name=partner.name, credit_code=partner.credit_code)
    draft.is_joint_build = True
    draft.save()
    from services.applications import actions

    draft = actions.Submit(draft, declaration_accepted=True).execute(people.applicant)
    draft = actions.StartReview(draft).execute(people.commission_officer)
    expert = builders.make_expert(employer=partner)
    with pytest.raises(TransitionRefused, match="联合建设单位"):
        AddPanelMember(draft, expert=expert).execute(people.commission_officer)
    assert PanelRecusal.objects.filter(expert=expert, application=draft).count() == 1


def test_declared_conflict_is_refused_and_the_declaration_recorded(people, application):
    """R-11: an expert who declares a conflict for this case cannot be added; the declaration is kept."""
    expert = builders.make_expert()
    with pytest.raises(TransitionRefused, match="利益冲突"):
        AddPanelMember(
            application, expert=expert, declared_conflict=True, declaration="曾为申请单位提供咨询"
        ).execute(people.commission_officer)
    recusal = PanelRecusal.objects.get(expert=expert)
    assert recusal.declared_conflict and recusal.declaration == "曾为申请单位提供咨询"
    # a later attempt without the tick is still refused: the declaration stands
    with pytest.raises(TransitionRefused):
        AddPanelMember(application, expert=expert).execute(people.commission_officer)


def test_exactly_one_leader(people, application):
    """R-11: exactly one leader."""
    AddPanelMember(application, expert=people.expert, is_leader=True).execute(people.commission_officer)
    second = builders.make_expert()
    with pytest.raises(TransitionRefused, match="只能有一名组长"):
        AddPanelMember(application, expert=second, is_leader=True).execute(people.commission_officer)
    AddPanelMember(application, expert=second).execute(people.commission_officer)
    assert application.panel.members.filter(is_leader=True).count() == 1
    assert application.panel.leader == people.expert


def test_only_the_commission_forms_panels(people, application):
    for person in (people.applicant, people.bureau_officer, people.expert, people.auditor):
        with pytest.raises(TransitionRefused):
            AddPanelMember(application, expert=people.unassigned_expert).execute(person)


def test_assignment_grants_sight_of_that_case_only_and_notifies(people, application):
    """R-12: experts see only the applications assigned to them (object permission on assignment)."""
    other_case = builders.under_review(people.other_applicant, people.commission_officer)
    assert not Application.objects.visible_to(people.expert).exists()
    AddPanelMember(application, expert=people.expert).execute(people.commission_officer)
    assert list(Application.objects.visible_to(people.expert)) == [application]
    assert other_case not in Application.objects.visible_to(people.expert)
    assert Notification.objects.filter(recipient=people.expert, kind="panel_assigned").exists()


def test_assigned_expert_declaring_a_conflict_leaves_the_panel(people, application):
    """R-11: a declaration after assignment takes the expert off the panel and off the case."""
    AddPanelMember(application, expert=people.expert).execute(people.commission_officer)
    with pytest.raises(TransitionRefused, match="请说明"):
        DeclareConflict(application, declaration=" ").execute(people.expert)
    DeclareConflict(application, declaration="近亲属在申请单位任职").execute(people.expert)
    assert not PanelMember.objects.filter(expert=people.expert).exists()
    assert not Application.objects.visible_to(people.expert).exists()
    assert PanelRecusal.objects.get(expert=people.expert).declaration == "近亲属在申请单位任职"


def test_experts_are_picked_by_field(people, application):
    """R-11: the commission picks experts of the application's field."""
    energy = builders.make_expert(fields=("new-energy",))
    biotech = builders.make_expert(fields=("biotech",))
    eligible = set(eligible_experts(application))
    assert energy in eligible and biotech not in eligible
