"""The demo step: cases in several states, idempotent."""

from accounts import demo as accounts_demo
from portal.demo import Progress
from services.applications.models import Application
from services.casework.models import CaseEvent
from services.reviews import demo


def test_demo_cases_are_created_once(db):
    lines = []
    progress = Progress(lines.append)
    demo.run(progress)
    assert Application.objects.count() == 0 and "跳过" in lines[-1]
    accounts_demo.run(progress)
    demo.run(progress)
    states = sorted(Application.objects.values_list("status", flat=True))
    assert states == ["rejected", "returned", "under_review"]
    events = CaseEvent.objects.count()
    demo.run(progress)
    assert Application.objects.count() == 3 and CaseEvent.objects.count() == events
