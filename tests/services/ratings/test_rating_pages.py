"""Rating a case and following a 差评 up, through the pages (issue 12, item 8 and its "Bad input")."""

import pytest

from accounts.models import AuditRecord
from services.casework.models import AppendOnlyError
from services.notifications.models import Notification
from services.ratings.models import AdditionalRating, BadRatingCase, Rating
from tests.services.ratings.conftest import BAD, GOOD

pytestmark = pytest.mark.django_db


def url(invitation):
    return f"/service-hall/ratings/{invitation.pk}/"


def test_the_applicant_rates_once_and_the_rating_is_audited(client, people, invitation):
    client.force_login(people.applicant)
    page = client.get(url(invitation))
    assert (
        page.status_code == 200 and "<form" in page.content.decode() and "novalidate" in page.content.decode()
    )
    response = client.post(url(invitation), GOOD)
    assert response.status_code == 302
    rating = Rating.objects.get(invitation=invitation)
    assert (rating.overall, rating.convenience, rating.is_bad) == (4, 3, False)
    assert not BadRatingCase.objects.exists()
    assert AuditRecord.objects.filter(action="rating_submitted", object_id=str(rating.pk)).exists()
    shown = client.get(url(invitation)).content.decode()
    assert "满意" in shown and 'type="radio"' not in shown


def test_a_second_rating_of_the_same_case_is_refused_and_nothing_changes(client, people, invitation):
    client.force_login(people.applicant)
    client.post(url(invitation), GOOD)
    response = client.post(url(invitation), {**BAD})
    assert response.status_code == 400
    assert "本办件已评价，每件只能评价一次。" in response.content.decode()
    assert Rating.objects.get(invitation=invitation).overall == 4
    assert Rating.objects.count() == 1


def test_a_bad_rating_without_a_reason_is_refused_with_the_message_beside_the_field(
    client, people, invitation
):
    client.force_login(people.applicant)
    response = client.post(url(invitation), {**BAD, "reason": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "选择“不满意”或“非常不满意”时，请填写差评原因。" in body
    assert "<title>错误：" in body
    assert "办理顺利。" in body  # what was typed is kept
    assert not Rating.objects.exists()


def test_a_rating_by_someone_who_is_not_the_applicant_is_refused(client, people, invitation, verified_login):
    client.force_login(people.other_applicant)
    assert client.post(url(invitation), GOOD).status_code == 404
    verified_login(people.commission_officer)
    response = client.post(url(invitation), GOOD)
    assert response.status_code == 403
    assert "只有本办件的申请单位用户可以评价。" in response.content.decode()
    assert not Rating.objects.exists()


def test_ratings_are_append_only(people, invitation):
    from services.ratings.actions import SubmitRating

    rating = SubmitRating(people.applicant, invitation, levels=GOOD).run()
    rating.comment = "改写"
    with pytest.raises(AppendOnlyError):
        rating.save()
    with pytest.raises(AppendOnlyError):
        Rating.objects.filter(pk=rating.pk).update(overall=5)
    with pytest.raises(AppendOnlyError):
        rating.delete()


def test_a_bad_rating_goes_through_visit_feedback_and_one_additional_rating(
    client, people, invitation, verified_login
):
    client.force_login(people.applicant)
    assert client.post(url(invitation), BAD).status_code == 302
    case = BadRatingCase.objects.get(rating__invitation=invitation)
    assert case.status == "awaiting_visit"
    assert Notification.objects.filter(
        kind="rating.bad_received", recipient=people.commission_officer
    ).exists()

    officer = client.__class__()
    verified_login(people.commission_officer, on=officer)
    queue = officer.get("/commission/ratings/").content.decode()
    assert str(invitation) in queue and "回访期限" in queue
    empty = officer.post(f"/commission/ratings/{case.pk}/visit/", {"text": ""})
    assert empty.status_code == 400 and "请填写内容。" in empty.content.decode()
    # The applicant cannot take the commission's steps.
    assert client.post(f"/commission/ratings/{case.pk}/visit/", {"text": "x"}).status_code == 403
    assert (
        officer.post(f"/commission/ratings/{case.pk}/visit/", {"text": "已电话回访张工。"}).status_code == 302
    )
    # Additional rating before the feedback: refused.
    early = client.post(f"/service-hall/ratings/follow-ups/{case.pk}/additional/", {"level": "4"})
    assert early.status_code == 400 and "反馈整改情况后才能追评" in early.content.decode()
    feedback = "已统一补正意见模板，并将受理审查时限压缩至3个工作日。"
    assert (
        officer.post(f"/commission/ratings/{case.pk}/give_feedback/", {"text": feedback}).status_code == 302
    )
    case.refresh_from_db()
    assert case.status == "feedback_given" and case.feedback == feedback
    assert Notification.objects.filter(kind="rating.feedback", recipient=people.applicant).count() == 2

    page = client.get(url(invitation)).content.decode()
    assert feedback in page and "提交追评" in page
    done = client.post(
        f"/service-hall/ratings/follow-ups/{case.pk}/additional/", {"level": "4", "comment": "有改进"}
    )
    assert done.status_code == 302
    again = client.post(f"/service-hall/ratings/follow-ups/{case.pk}/additional/", {"level": "5"})
    assert again.status_code == 400 and "只能追评一次" in again.content.decode()
    assert AdditionalRating.objects.get(case=case).level == 4
    case.refresh_from_db()
    assert case.status == "closed"
    assert list(
        AuditRecord.objects.filter(action__startswith="rating")
        .values_list("action", flat=True)
        .order_by("id")
    ) == ["rating_submitted", "rating_followed_up", "rating_followed_up", "rating_added"]


def test_statistics_export_and_the_guide_figures(client, people, invitation, verified_login):
    from services.ratings import statistics

    client.force_login(people.applicant)
    client.post(url(invitation), BAD)
    figures = statistics.for_service(Rating.objects.all(), "construction")
    assert figures.counts[1] == 1 and figures.total == 1 and figures.bad == 1 and str(figures.rate) == "0.0"

    assert client.get("/commission/ratings/statistics/").status_code == 403
    verified_login(people.commission_officer)
    page = client.get("/commission/ratings/statistics/").content.decode()
    assert "筹建申请" in page and "满意率" in page
    csv = client.get("/commission/ratings/statistics.csv")
    assert csv.status_code == 200 and "attachment" in csv["Content-Disposition"]
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith(
        "办理事项,评价总数,非常满意,满意,基本满意,不满意,非常不满意,差评数,满意率"
    )
    assert "筹建申请,1,0,0,0,0,1,1,0.0" in text
    xlsx = client.get("/commission/ratings/statistics.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert AuditRecord.objects.filter(action="data_exported").count() == 2
    assert client.get("/commission/ratings/statistics.pdf").status_code == 404
