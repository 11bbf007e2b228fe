"""The one action base and the one refusal (issue 11): every service's actions share them, and the API
answers every refusal in one place."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from services.casework import api_errors
from services.casework.actions import CaseAction
from services.casework.refusals import ActionRefused, NotPermitted, WrongState


def test_the_older_refusal_names_are_the_one_refusal():
    from services.casework.transitions import TransitionRefused
    from services.construction.base import ActionRefused as construction_refused
    from services.supervision.actions import ActionRefused as supervision_refused

    assert TransitionRefused is construction_refused is supervision_refused is ActionRefused
    assert issubclass(NotPermitted, ActionRefused) and issubclass(WrongState, ActionRefused)


def test_every_service_action_is_a_case_action():
    from services.acceptance import actions as acceptance
    from services.applications import actions as applications
    from services.construction import actions as construction
    from services.reviews import actions as reviews
    from services.supervision import actions as supervision

    classes = [
        applications.Submit,
        applications.Approve,
        reviews.AddPanelMember,
        reviews.SaveSheet,
        reviews.SaveReport,
        reviews.DeclareConflict,
        construction.SubmitMajorReport,
        construction.DecideExtension,
        acceptance.ApplyForAcceptance,
        acceptance.Establish,
        supervision.SubmitAnnualReport,
        supervision.Revoke,
    ]
    assert [cls for cls in classes if not issubclass(cls, CaseAction)] == []


class Toggle(CaseAction):
    """A minimal action: only 'owner' may flip a closed switch."""

    def __init__(self, switch):
        self.switch = switch

    def check(self):
        if self.user != "owner":
            raise NotPermitted("只有所有者可以操作。")
        if self.switch["on"]:
            raise WrongState("开关已打开。", state="已打开")

    def validate(self):
        if self.switch.get("broken"):
            raise ValidationError({"switch": ["开关已损坏。"]})

    def perform(self):
        self.switch["on"] = True
        return self.switch


def test_check_takes_the_user_and_says_why_not():
    action = Toggle({"on": False})
    assert action.refusal("visitor") == "只有所有者可以操作。"
    assert action.allowed("owner") is True
    with pytest.raises(NotPermitted):
        action.check("visitor")


@pytest.mark.django_db
def test_execute_checks_then_performs_in_one_transaction():
    switch = {"on": False}
    seen = {}

    class Watched(Toggle):
        def perform(self):
            seen["atomic"] = transaction.get_connection().in_atomic_block
            return super().perform()

    assert Watched(switch).execute("owner") == {"on": True}
    assert seen["atomic"] is True
    with pytest.raises(WrongState):
        Toggle(switch).execute("owner")
    with pytest.raises(ValidationError):
        Toggle({"on": False, "broken": True}).execute("owner")


@pytest.mark.parametrize(
    "refusal, status, body",
    [
        (NotPermitted("只有所有者可以操作。"), 403, {"detail": "只有所有者可以操作。"}),
        (WrongState("开关已打开。", state="已打开"), 400, {"detail": "开关已打开。", "state": "已打开"}),
        (ActionRefused("请填写理由。"), 400, {"detail": "请填写理由。"}),
    ],
)
def test_the_api_answers_each_kind_of_refusal_in_one_place(refusal, status, body):
    response = api_errors.handle(refusal, {})
    assert (response.status_code, response.data) == (status, body)


def test_the_api_answers_field_errors_by_field():
    response = api_errors.handle(ValidationError({"reason": ["请填写理由。"]}), {})
    assert (response.status_code, response.data) == (400, {"reason": ["请填写理由。"]})


def test_the_handler_is_the_project_setting(settings):
    """The project's API exception handler (portal.errors, which also words Django's 404s in Chinese)
    answers every refusal through casework's one answer."""
    from django.utils.module_loading import import_string

    from services.casework.refusals import NotPermitted, WrongState

    assert settings.REST_FRAMEWORK["EXCEPTION_HANDLER"] == "portal.errors.api_exception_handler"
    handler = import_string(settings.REST_FRAMEWORK["EXCEPTION_HANDLER"])
    assert handler(NotPermitted("不可办理。"), {}).status_code == 403
    wrong = handler(WrongState("当前状态不能办理。", state="已提交"), {})
    assert (wrong.status_code, wrong.data) == (400, {"detail": "当前状态不能办理。", "state": "已提交"})
