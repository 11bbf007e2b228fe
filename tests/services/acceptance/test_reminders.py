"""R-42: the rectification deadlines are reminded through the notifications registry."""

import importlib.util
from datetime import date

import pytest

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        importlib.util.find_spec("services.notifications.reminders") is None,
        reason="the notifications reminder registry is not merged on this branch yet",
    ),
]


def test_rectification_deadline_is_a_reminder_source(people, applied, walk):
    """R-25, R-42: a case in rectification yields its 3-month deadline for the unit's members."""
    from services.acceptance.reminders import rectification_due
    from services.notifications.reminders import sources

    assert "acceptance-rectification" in sources()
    walk.appoint(applied)
    walk.round(applied, "70")
    (due,) = rectification_due(date(2027, 4, 1))
    assert due.deadline == date(2027, 6, 12)
    assert people.applicant in due.recipients
