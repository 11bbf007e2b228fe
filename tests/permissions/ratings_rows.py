"""Permission-matrix rows of 好差评 and the service-hall entrances (issue 12, items 1, 7, 8).

add_rating_objects(world) gives unit A three received reports, so three invitations: one unrated, one
with a 差评 awaiting its 回访, one whose 差评 has had its feedback (open to the 追评). Probes that write
run inside a savepoint that is rolled back, so every actor meets the same state.
"""

from django.core.cache import caches
from django.db import transaction
from django.urls import reverse

from services.ratings.models import AdditionalRating, BadRatingCase, Rating, RatingInvitation
from tests.permissions.registry import ACTORS, Row, allowed, http_ok, in_queryset

COMMISSION = allowed("commission_officer", "commission_leader")
GOOD = {"overall": "4", "efficiency": "4", "guide_accuracy": "4", "convenience": "4", "platform": "4"}
BAD = {**GOOD, "overall": "1", "reason": "等待时间过长。"}


def add_rating_objects(world):
    from services.construction.actions import SubmitMajorReport
    from services.ratings.actions import FollowUpStep, SubmitRating

    member, officer = world.actors["applicant_member"], world.actors["commission_officer"]
    centre = world.objects["centre"]
    invitations = []
    for title in ("场地迁移", "负责人调整", "经费变化"):
        report = SubmitMajorReport(member, centre, title=title, body=f"{title}的情况说明。").run()
        invitations.append(RatingInvitation.objects.get(object_id=report.pk, service="major_situation"))
    unrated, bad, answered = invitations
    SubmitRating(member, bad, levels=BAD, reason=BAD["reason"]).run()
    SubmitRating(member, answered, levels=BAD, reason=BAD["reason"]).run()
    case = BadRatingCase.objects.get(rating__invitation=answered)
    FollowUpStep(officer, case, "visit", text="已回访。").run()
    FollowUpStep(officer, case, "give_feedback", text="已整改。").run()
    world.objects.update(
        invitation_unrated=unrated,
        rating_bad=Rating.objects.get(invitation=bad),
        bad_case=BadRatingCase.objects.get(rating__invitation=bad),
        bad_case_answered=case,
    )


def rolled_back(probe):
    def run(client, user, world):
        with transaction.atomic():
            result = probe(client, user, world)
            transaction.set_rollback(True)
        return result

    return run


def posts(url, data, written):
    """Allowed means the POST wrote what it asks for (a redirect to sign-in writes nothing)."""

    def probe(client, user, world):
        client.post(url(world), data)
        return written(world)

    return rolled_back(probe)


def progress_found(client, user, world):
    caches["ratelimit"].clear()
    application = world.objects["application"]
    data = {"case_number": application.case_number, "credit_code": application.organisation.credit_code}
    return "专家评审中" in client.post("/service-hall/progress/", data).content.decode()


def start_lists_the_centre(client, user, world):
    body = client.get("/service-hall/start/major_situation/").content.decode()
    return reverse("hall:flow", args=["major-situation", world.objects["centre"].pk]) in body


def rating_rows() -> list[Row]:
    rate_url = lambda w: f"/service-hall/ratings/{w.objects['invitation_unrated'].pk}/"  # noqa: E731
    case_url = lambda w: f"/commission/ratings/{w.objects['bad_case'].pk}/"  # noqa: E731
    answered = lambda w: f"/service-hall/ratings/follow-ups/{w.objects['bad_case_answered'].pk}/additional/"  # noqa: E731
    return [
        Row("Progress query", "lookup (public)", frozenset(ACTORS), progress_found),
        Row(
            "Service start page",
            "lists the unit's centre",
            allowed("applicant_member"),
            start_lists_the_centre,
        ),
        Row(
            "RatingInvitation",
            "list",
            allowed("applicant_member", *COMMISSION),
            in_queryset(RatingInvitation, "invitation_unrated"),
        ),
        Row("RatingInvitation", "detail", allowed("applicant_member", *COMMISSION), http_ok("get", rate_url)),
        Row(
            "RatingInvitation",
            "rate",
            allowed("applicant_member"),
            posts(
                rate_url,
                GOOD,
                lambda w: Rating.objects.filter(invitation=w.objects["invitation_unrated"]).exists(),
            ),
        ),
        Row("Rating", "detail", allowed("applicant_member", *COMMISSION), in_queryset(Rating, "rating_bad")),
        Row("BadRatingCase", "list (queue)", COMMISSION, http_ok("get", lambda w: "/commission/ratings/")),
        Row("BadRatingCase", "detail", COMMISSION, http_ok("get", case_url)),
        Row(
            "BadRatingCase",
            "visit",
            COMMISSION,
            posts(
                lambda w: case_url(w) + "visit/",
                {"text": "已回访。"},
                lambda w: BadRatingCase.objects.get(pk=w.objects["bad_case"].pk).status == "rectifying",
            ),
        ),
        Row(
            "BadRatingCase",
            "additional rating",
            allowed("applicant_member"),
            posts(
                answered,
                {"level": "4"},
                lambda w: AdditionalRating.objects.filter(case=w.objects["bad_case_answered"]).exists(),
            ),
        ),
        Row(
            "Ratings statistics",
            "page",
            COMMISSION,
            http_ok("get", lambda w: "/commission/ratings/statistics/"),
        ),
        Row(
            "Ratings statistics",
            "export",
            COMMISSION,
            http_ok("get", lambda w: "/commission/ratings/statistics.csv"),
        ),
        Row("RatingInvitation", "API", frozenset(), not_yet="好差评 has no API yet (pages only)"),
    ]
