"""What construction and acceptance actions share: who they are for, today's date, the unit check.

The shape itself is services.casework.actions.CaseAction: views, API endpoints and tasks build an action
and call ``run()`` / ``execute()``; subclasses write ``check()`` and ``perform()``. Refusals are the one
casework refusal (``ActionRefused`` is that class, kept importable here under this name).
"""

from services.casework.actions import PersonAction
from services.casework.gates import is_unit_member
from services.casework.refusals import ActionRefused, NotPermitted
from services.deadlines.formatting import cn_date

__all__ = ["Action", "ActionRefused", "fmt", "require_unit_member"]


Action = PersonAction  # the name construction and acceptance use


def require_unit_member(user, centre) -> None:
    if not is_unit_member(user, centre):
        raise NotPermitted("只有该中心建设单位的用户可以办理此事项。")


def fmt(day) -> str:
    return cn_date(day)
