"""The permission matrix of applications, score sheets, review reports and their files (R-12, R-32):
every role, plus another district's bureau, an unassigned expert and another unit's member, against list,
detail, action, file download, document download and the API."""

import pytest
from django.urls import reverse

from services.applications import actions
from services.applications.models import Application
from services.casework.transitions import TransitionRefused
from services.files.models import CaseFile
from services.reviews.models import ReviewReport, ScoreSheet
from tests.factories.accounts import login_verified
from tests.factories.people import EVERYONE
from tests.services.applications import builders

PEOPLE = EVERYONE
SEES_APPLICATION = {
    "applicant",
    "commission_officer",
    "commission_leader",
    "bureau_officer",
    "expert",
    "sysadmin",
}
SEES_REVIEW = {"commission_officer", "commission_leader", "expert", "sysadmin"}
COMMISSION = {"commission_officer", "commission_leader", "sysadmin"}
EXPERTS = {"expert", "unassigned_expert"}


@pytest.fixture
def case(people):
    application = builders.reviewed(people)
    return {
        "application": application,
        "file": CaseFile.for_object(application).first(),
        "sheet": ScoreSheet.objects.get(panel__application=application),
        "report": ReviewReport.objects.get(panel__application=application),
    }


def client_for(client, person):
    if person is not None and getattr(person, "pk", None):
        login_verified(client, person)
    return client


@pytest.mark.parametrize("name", PEOPLE)
def test_querysets(name, people, case):
    """visible_to(user) is where every list and detail starts."""
    person = getattr(people, name)
    assert Application.objects.visible_to(person).filter(pk=case["application"].pk).exists() == (
        name in SEES_APPLICATION
    )
    assert ScoreSheet.objects.visible_to(person).filter(pk=case["sheet"].pk).exists() == (name in SEES_REVIEW)
    assert ReviewReport.objects.visible_to(person).filter(pk=case["report"].pk).exists() == (
        name in SEES_REVIEW
    )


@pytest.mark.parametrize("name", PEOPLE)
def test_pages_files_and_documents(name, people, case, client):
    """Each console shows the case to its own people only; files and PDFs follow visible_to."""
    person = getattr(people, name)
    client = client_for(client, person)
    pk = case["application"].pk
    anonymous = name == "anonymous"

    def status(url):
        return client.get(url).status_code

    # service hall
    assert status(reverse("service_hall:detail", args=[pk])) == (
        302 if anonymous else 200 if name == "applicant" else 404
    )
    listing = client.get(reverse("service_hall:index"))
    assert (case["application"].case_number in listing.content.decode()) == (name == "applicant")
    # commission console
    expected = 302 if anonymous else 200 if name in COMMISSION else 403
    assert status(reverse("commission_applications:detail", args=[pk])) == expected
    queue = client.get(reverse("commission_applications:queue"))
    assert queue.status_code == expected
    # expert desk
    expected = 302 if anonymous else 200 if name == "expert" else 404 if name in EXPERTS else 403
    assert status(reverse("expert:case", args=[pk])) == expected
    # case file
    assert status(reverse("files:download", args=[case["file"].public_id])) == (
        200 if name in SEES_APPLICATION else 404
    )
    # application form PDF, through the person's own console
    if name == "applicant":
        url = reverse("service_hall:document", args=[pk, "application-form"])
    elif name in EXPERTS:
        url = reverse("expert:document", args=[pk, "application-form"])
    else:
        url = reverse("commission_applications:document", args=[pk, "application-form"])
    assert status(url) == (
        302
        if anonymous
        else 200
        if name in {"applicant", "expert", *COMMISSION}
        else 404
        if name in EXPERTS
        else 403
    )
    # score sheet and report PDFs
    for url in (
        reverse("commission_reviews:sheet_document", args=[case["sheet"].pk]),
        reverse("commission_reviews:report_document", args=[case["report"].pk]),
    ):
        assert status(url) == (302 if anonymous else 200 if name in SEES_REVIEW else 404)


@pytest.mark.parametrize("name", PEOPLE)
def test_api(name, people, case, client):
    """/api/v1/: the same visibility; actions refused to those the table does not name."""
    person = getattr(people, name)
    client = client_for(client, person)
    pk = case["application"].pk
    anonymous = name == "anonymous"
    listing = client.get("/api/v1/applications/")
    if anonymous:
        assert listing.status_code in (401, 403)
    else:
        ids = [row["id"] for row in listing.json()["results"]]
        assert (pk in ids) == (name in SEES_APPLICATION)
    detail = client.get(f"/api/v1/applications/{pk}/")
    assert detail.status_code == (403 if anonymous else 200 if name in SEES_APPLICATION else 404) or (
        anonymous and detail.status_code == 401
    )
    for kind, obj in (("sheets", case["sheet"]), ("reports", case["report"])):
        response = client.get(f"/api/v1/reviews/{kind}/{obj.pk}/")
        assert response.status_code in (
            (401, 403) if anonymous else (200,) if name in SEES_REVIEW else (404,)
        )
    response = client.post(
        f"/api/v1/applications/{pk}/reject/", {"reasons": "理由"}, content_type="application/json"
    )
    if name == "commission_leader":
        assert response.status_code == 200
        assert response.json()["status"] == "rejected"
    else:
        assert response.status_code in ((401, 403) if anonymous else (403, 404))


@pytest.mark.parametrize("name", PEOPLE)
def test_actions_on_a_submitted_case(name, people):
    """Only the commission returns or starts the review; only the applicant withdraws."""
    application = builders.submitted(people.applicant)
    person = getattr(people, name)
    for action_class, params, allowed in (
        (actions.ReturnForCorrection, {"items": ["补充"]}, {"commission_officer", "commission_leader"}),
        (actions.StartReview, {}, {"commission_officer", "commission_leader"}),
        (actions.Withdraw, {}, {"applicant"}),
    ):
        if name in allowed:
            action_class(application, **params).check(person)
        else:
            with pytest.raises(TransitionRefused):
                action_class(application, **params).check(person)
