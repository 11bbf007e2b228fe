"""The one shape of every use case of every service (applications, reviews, construction, acceptance,
supervision), as in Wagtail's own ``wagtail/actions/``:

- ``check(user)`` says whether this person may take the action now, and why not: it returns quietly or
  raises `ActionRefused` (`NotPermitted`, `WrongState`) with a message for people; it writes nothing.
  ``refusal(user)`` gives that message (or None) and ``allowed(user)`` the yes/no, for pages that show or
  hide a button.
- ``execute(user)`` checks, validates the input (``validate()``: a ValidationError keyed by field) and
  ``perform()``s the change inside one ``transaction.atomic``. A state change goes through ``record()``,
  which moves the object along its state machine's edge and writes the event (R-40); notifications go
  through ``services.notifications.service.notify`` inside ``perform()``, which writes the outbox rows in
  the same transaction and hands them to the broker only on commit (R-41). ``after_commit()`` queues any
  other work for after COMMIT.

Actions are built either from the person (construction, acceptance, supervision:
``Action(user, **input).execute()``) or from the case (applications, reviews:
``Action(case, **input).execute(user)``); both forms set ``self.user`` and go through the same methods.
``run()`` is ``execute()`` under its older name.
"""

import functools
import inspect

from django.db import transaction

from services.casework.events import record_transition
from services.casework.models import CaseEvent
from services.casework.refusals import ActionRefused, NotPermitted, WrongState
from services.casework.transitions import Edge
from services.deadlines import clock

__all__ = ["ActionRefused", "CaseAction", "NotPermitted", "PersonAction", "WrongState"]


def _taking_user(check):
    """Wrap a subclass's check so that ``check(user)`` and ``check()`` both work and set ``self.user``."""
    takes_user = len(inspect.signature(check).parameters) > 1

    @functools.wraps(check)
    def wrapper(self, user=None):
        if user is not None:
            self.user = user
        return check(self, self.user) if takes_user else check(self)

    wrapper.takes_user = True
    return wrapper


class CaseAction:
    user = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("check")
        if own is not None and not getattr(own, "takes_user", False):
            cls.check = _taking_user(own)

    def check(self, user=None):
        """Raise ActionRefused (NotPermitted / WrongState) with a message for people; write nothing."""

    def validate(self) -> None:
        """Check the input beyond who and when; raise ValidationError keyed by field, or ActionRefused."""

    def perform(self):
        """The change itself; runs inside the transaction after check() and validate()."""
        raise NotImplementedError

    def execute(self, user=None):
        if user is not None:
            self.user = user
        with transaction.atomic():
            self.check()
            self.validate()
            return self.perform()

    def run(self):
        return self.execute()

    def refusal(self, user=None) -> str | None:
        """Why this person may not take the action now, or None if they may."""
        try:
            self.check(user)
        except ActionRefused as refused:
            return str(refused)
        return None

    def allowed(self, user=None) -> bool:
        return self.refusal(user) is None

    def record(self, obj, edge: Edge, reason: str = "", status_field: str = "status") -> CaseEvent:
        """Move obj along edge and write its event (R-40), in the caller's transaction."""
        return record_transition(obj, edge, self.user, reason, status_field=status_field)

    @staticmethod
    def after_commit(callback) -> None:
        transaction.on_commit(callback)


class PersonAction(CaseAction):
    """An action built from the person who takes it, with the day it is taken on (Beijing time)."""

    def __init__(self, user, *, today=None):
        self.user = user
        self.today = today or clock.beijing_today()
