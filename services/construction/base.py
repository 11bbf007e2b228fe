"""The shape every construction and acceptance action has: check(), then execute() in one transaction.

Views, API endpoints and tasks parse input, build an action and call `run()`; they never change a case
themselves. Refusals carry a Chinese message for the person (TransitionRefused and its subclass).
"""

from django.db import transaction

from accounts.roles import organisation_id
from services.casework.transitions import TransitionRefused
from services.deadlines import clock
from services.deadlines.formatting import cn_date


class ActionRefused(TransitionRefused):
    """Bad input or a rule that forbids the action now. Nothing is saved."""


class Action:
    def __init__(self, user, *, today=None):
        self.user = user
        self.today = today or clock.beijing_today()

    def check(self) -> None:
        """Raise TransitionRefused/ActionRefused with a message for people; write nothing."""

    def execute(self):
        raise NotImplementedError

    def run(self):
        with transaction.atomic():
            self.check()
            return self.execute()

    def allowed(self) -> bool:
        try:
            self.check()
        except TransitionRefused:
            return False
        return True


def require_unit_member(user, centre) -> None:
    if organisation_id(user) != centre.organisation_id:
        raise TransitionRefused("只有该中心建设单位的用户可以办理此事项。")


def fmt(day) -> str:
    return cn_date(day)
