import pytest


@pytest.fixture
def withdrawn(people):
    """people.applicant's application, withdrawn: a case that reached an end (issue 12, item 8)."""
    from services.applications import actions
    from tests.services.applications.builders import submitted

    application = submitted(people.applicant)
    return actions.Withdraw(application, reason="内部调整").execute(people.applicant)


@pytest.fixture
def invitation(withdrawn):
    from services.ratings.models import RatingInvitation

    return RatingInvitation.objects.get(object_id=withdrawn.pk, service="construction")


GOOD = {
    "overall": "4",
    "efficiency": "5",
    "guide_accuracy": "4",
    "convenience": "3",
    "platform": "4",
    "comment": "办理顺利。",
}
BAD = {**GOOD, "overall": "1", "efficiency": "2", "reason": "补正意见前后不一致，等待时间长。"}
