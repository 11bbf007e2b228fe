"""The permission matrix as data: every (object kind, action) row names the actors allowed.

Later issues EXTEND this registry: add actors to ``ACTORS`` when a new kind of person appears, and add
rows for each new object kind (application, score sheet, file, …) with a probe for each action — list,
detail, change, file download, API. A row whose action does not exist yet says why (``not_yet``); it shows
as a skip in the test summary until someone gives it a probe.

A probe answers "was the actor allowed?" by really trying: an HTTP request through the full middleware
stack (signed in with a verified second factor), or the queryset/permission function that every view
and endpoint starts from.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from knox.models import AuthToken

from accounts.models import AuditRecord, Organisation
from accounts.permissions import can
from services.applications.models import Application
from services.centres.models import Centre
from services.reviews.models import ReviewReport, ScoreSheet
from tests.permissions.centre_records import centre_record_rows

ACTORS = [
    "anonymous",
    "applicant_member",
    "applicant_other_unit",
    "commission_officer",
    "commission_leader",
    "bureau_officer",
    "bureau_other_district",
    "bureau_editor",
    "bureau_editor_other_district",
    "expert_assigned",
    "expert_unassigned",
    "cms_editor",
    "auditor",
    "sysadmin",
]

Probe = Callable[..., bool]  # probe(client, user, world) -> allowed?


@dataclass(frozen=True)
class Row:
    kind: str
    action: str
    allowed: frozenset[str]
    probe: Probe | None = None
    not_yet: str = ""

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.action}"


def allowed(*names: str) -> frozenset[str]:
    unknown = set(names) - set(ACTORS)
    assert not unknown, unknown
    return frozenset(names)


def http_ok(method: str, url: Callable) -> Probe:
    """Allowed means the page answered 200 (not a redirect to sign-in, not 403/404)."""

    def probe(client, user, world):
        return getattr(client, method)(url(world)).status_code == 200

    return probe


def in_queryset(model, obj_name: str) -> Probe:
    def probe(client, user, world):
        return model.objects.visible_to(user).filter(pk=world.objects[obj_name].pk).exists()

    return probe


def may(perm: str, obj_name: str) -> Probe:
    def probe(client, user, world):
        return can(user, perm, world.objects[obj_name])

    return probe


def page_shows(url: str, text: Callable) -> Probe:
    def probe(client, user, world):
        response = client.get(url)
        return response.status_code == 200 and text(world) in response.content.decode()

    return probe


COMMISSION = ("commission_officer", "commission_leader")
CENTRE_SEERS = allowed(*COMMISSION, "sysadmin", "bureau_officer", "applicant_member", "expert_assigned")
UNIT_A_SEERS = allowed(*COMMISSION, "sysadmin", "bureau_officer", "applicant_member", "expert_assigned")

APPLICATION_SEERS = allowed(*COMMISSION, "sysadmin", "bureau_officer", "applicant_member", "expert_assigned")
REVIEW_SEERS = allowed(*COMMISSION, "sysadmin", "expert_assigned")


def action_allowed(action_class, obj_name: str, **params) -> Probe:
    """The action's own check (the one the UI, the admin and the API call); it changes nothing."""
    from services.casework.transitions import TransitionRefused

    def probe(client, user, world):
        try:
            action_class(world.objects[obj_name], **params).check(user)
        except TransitionRefused:
            return False
        return True

    return probe


def any_ok(*urls: Callable) -> Probe:
    def probe(client, user, world):
        return any(client.get(url(world)).status_code == 200 for url in urls)

    return probe


def _token_revoked(client, world, via: str) -> bool:
    """Try to revoke the applicant member's API token through the admin or the API; is it gone? (In a
    savepoint of its own, so that one actor's revocation does not answer for the next.)"""
    token = world.objects["api_token"]
    with transaction.atomic():
        if via == "admin":
            form = {"action": "delete_selected", "_selected_action": [token.pk], "post": "yes"}
            client.post("/django-admin/knox/authtoken/", form)
        else:
            client.post("/api/v1/auth/token/revoke/", {"all": True}, content_type="application/json")
        gone = not AuthToken.objects.filter(pk=token.pk).exists()
        transaction.set_rollback(True)
    return gone


def reaches(url: Callable) -> Probe:
    """Allowed means the page answered or sent the person on within the case (it exists for them); a
    refusal is a 404 or the way to sign-in. For pages that depend on the case's state (核对信息,
    confirmation, withdrawal and removal confirmations), which send the owner back to the case page."""

    def probe(client, user, world):
        response = client.get(url(world))
        if response.status_code == 302:
            return not response["Location"].startswith("/accounts/")
        return response.status_code == 200

    return probe


def _application_rows():
    from services.applications.actions import Reject
    from services.reviews.actions import SaveReport, SaveSheet

    case = lambda w: w.objects["application"]  # noqa: E731
    return [
        Row("Application", "list", APPLICATION_SEERS, in_queryset(Application, "application")),
        Row(
            "Application",
            "list (service hall)",
            allowed("applicant_member"),
            page_shows("/service-hall/", lambda w: case(w).case_number),
        ),
        Row(
            "Application",
            "list (commission console)",
            allowed(*COMMISSION, "sysadmin"),
            page_shows("/commission/applications/", lambda w: case(w).case_number),
        ),
        Row(
            "Application",
            "list (expert desk)",
            allowed("expert_assigned"),
            page_shows("/expert/", lambda w: case(w).case_number),
        ),
        Row("Application", "detail", APPLICATION_SEERS, in_queryset(Application, "application")),
        Row(
            "Application",
            "detail (pages)",
            allowed(*COMMISSION, "sysadmin", "applicant_member", "expert_assigned"),
            any_ok(
                lambda w: f"/service-hall/applications/{case(w).pk}/",
                lambda w: f"/commission/applications/{case(w).pk}/",
                lambda w: f"/expert/cases/{case(w).pk}/",
            ),
        ),
        *[
            Row(
                "Application",
                f"service hall: {name}",
                allowed("applicant_member"),
                reaches(lambda w, tail=tail: f"/service-hall/applications/{case(w).pk}/{tail(w)}"),
            )
            for name, tail in (
                ("核对信息", lambda w: "submit/"),
                ("confirmation", lambda w: "confirmation/"),
                ("withdraw confirmation", lambda w: "withdraw/"),
                (
                    "remove file confirmation",
                    lambda w: f"files/{w.objects['application_file'].public_id}/remove/",
                ),
            )
        ],
        Row(
            "Application",
            "change (decide: reject)",
            allowed("commission_leader"),
            action_allowed(Reject, "application", reasons="理由"),
        ),
        Row(
            "Application",
            "file download",
            APPLICATION_SEERS,
            http_ok("get", lambda w: f"/files/{w.objects['application_file'].public_id}/"),
        ),
        Row(
            "Application",
            "document download (application form PDF)",
            allowed(*COMMISSION, "sysadmin", "applicant_member", "expert_assigned"),
            any_ok(
                lambda w: f"/service-hall/applications/{case(w).pk}/documents/application-form.pdf",
                lambda w: f"/commission/applications/{case(w).pk}/documents/application-form.pdf",
                lambda w: f"/expert/cases/{case(w).pk}/documents/application-form.pdf",
            ),
        ),
        Row(
            "Application",
            "API",
            APPLICATION_SEERS,
            http_ok("get", lambda w: f"/api/v1/applications/{case(w).pk}/"),
        ),
        Row("ScoreSheet", "list", REVIEW_SEERS, in_queryset(ScoreSheet, "sheet")),
        Row("ScoreSheet", "detail", REVIEW_SEERS, in_queryset(ScoreSheet, "sheet")),
        Row(
            "ScoreSheet",
            "change (submitted sheets are final)",
            frozenset(),
            action_allowed(lambda app, **kw: SaveSheet(app, scores={}), "application"),
        ),
        Row(
            "ScoreSheet",
            "file download (PDF)",
            REVIEW_SEERS,
            http_ok("get", lambda w: f"/expert/sheets/{w.objects['sheet'].pk}.pdf"),
        ),
        Row(
            "ScoreSheet",
            "API",
            REVIEW_SEERS,
            http_ok("get", lambda w: f"/api/v1/reviews/sheets/{w.objects['sheet'].pk}/"),
        ),
        Row("ReviewReport", "list", REVIEW_SEERS, in_queryset(ReviewReport, "report")),
        Row("ReviewReport", "detail", REVIEW_SEERS, in_queryset(ReviewReport, "report")),
        Row(
            "ReviewReport",
            "change (submitted reports are final)",
            frozenset(),
            action_allowed(lambda app, **kw: SaveReport(app), "application"),
        ),
        Row(
            "ReviewReport",
            "file download (PDF)",
            REVIEW_SEERS,
            http_ok("get", lambda w: f"/commission/reviews/reports/{w.objects['report'].pk}.pdf"),
        ),
        Row(
            "ReviewReport",
            "API",
            REVIEW_SEERS,
            http_ok("get", lambda w: f"/api/v1/reviews/reports/{w.objects['report'].pk}/"),
        ),
    ]


def _api_lists_expert(client, user, world):
    response = client.get("/api/v1/experts/")
    return response.status_code == 200 and any(
        e["username"] == "expert_assigned" for e in response.json()["results"]
    )


def _workspace_rows():
    case = lambda w: w.objects["application"]  # noqa: E731
    home = f"/bureau/{HOME_CODE}/workspace/"
    return [
        Row(
            "Workspace",
            "list (委工作台)",
            allowed(*COMMISSION, "sysadmin"),
            http_ok("get", lambda w: "/commission/workspace/"),
        ),
        Row(
            "Workspace",
            "queue (委工作台)",
            allowed(*COMMISSION, "sysadmin"),
            page_shows("/commission/workspace/queues/decide/", lambda w: case(w).case_number),
        ),
        Row(
            "Workspace",
            "list (bureau, own district)",
            allowed("bureau_officer"),
            http_ok("get", lambda w: home),
        ),
        Row(
            "Workspace",
            "queue (bureau, own district)",
            allowed("bureau_officer"),
            page_shows(f"{home}queues/decide/", lambda w: case(w).case_number),
        ),
        Row(
            "ExpertRegistry",
            "list (委工作台)",
            allowed(*COMMISSION),
            http_ok("get", lambda w: "/commission/workspace/experts/"),
        ),
        Row(
            "ExpertRegistry",
            "change (register an expert)",
            allowed(*COMMISSION),
            http_ok("get", lambda w: "/commission/workspace/experts/new/"),
        ),
        Row(
            "ExpertRegistry",
            "detail (change page)",
            allowed(*COMMISSION),
            http_ok("get", lambda w: f"/commission/workspace/experts/{w.actors['expert_assigned'].pk}/"),
        ),
        Row("ExpertRegistry", "API", allowed(*COMMISSION), _api_lists_expert),
        Row(
            "Workspace",
            "queue (bureau, other district's URL)",
            allowed("bureau_other_district"),
            http_ok("get", lambda w: f"/bureau/{OTHER_CODE}/workspace/queues/decide/"),
        ),
    ]


HOME_CODE, OTHER_CODE = "120116", "120104"

ROWS = [
    # Centre (services.centres) ------------------------------------------------------------------------
    Row("Centre", "list", CENTRE_SEERS, in_queryset(Centre, "centre")),
    Row(
        "Centre",
        "list (bureau console)",
        allowed("bureau_officer"),
        page_shows("/bureau/", lambda w: w.objects["centre"].name),
    ),
    Row("Centre", "detail", CENTRE_SEERS, in_queryset(Centre, "centre")),
    Row("Centre", "change", allowed(*COMMISSION, "sysadmin"), may("centres.change_centre", "centre")),
    Row("Centre", "file download", frozenset(), not_yet="centres have no files yet (supervision issue)"),
    Row("Centre", "API", frozenset(), not_yet="no centre endpoint yet (centres API issue)"),
    # Organisation (applicant unit) ---------------------------------------------------------------------
    Row("Organisation", "list", UNIT_A_SEERS, in_queryset(Organisation, "unit_a")),
    Row(
        "Organisation",
        "list (bureau console)",
        allowed("bureau_officer"),
        page_shows("/bureau/", lambda w: w.objects["unit_a"].name),
    ),
    Row("Organisation", "detail", UNIT_A_SEERS, in_queryset(Organisation, "unit_a")),
    Row(
        "Organisation",
        "change",
        allowed("sysadmin"),
        http_ok("get", lambda w: f"/django-admin/accounts/organisation/{w.objects['unit_a'].pk}/change/"),
    ),
    Row("Organisation", "file download", frozenset(), not_yet="unit files arrive with applications"),
    Row("Organisation", "API", frozenset(), not_yet="no unit endpoint yet"),
    # AuditRecord: the auditor alone reads it (separation of duties); nobody changes it ---------------
    Row(
        "AuditRecord",
        "list",
        allowed("auditor"),
        http_ok("get", lambda w: "/django-admin/accounts/auditrecord/"),
    ),
    Row(
        "AuditRecord",
        "detail",
        allowed("auditor"),
        http_ok(
            "get", lambda w: f"/django-admin/accounts/auditrecord/{w.objects['audit_record'].pk}/change/"
        ),
    ),
    Row(
        "AuditRecord",
        "change",
        frozenset(),
        lambda client, user, world: (
            client.post(
                f"/django-admin/accounts/auditrecord/{world.objects['audit_record'].pk}/change/",
                {"outcome": "failure"},
            ).status_code
            in (200, 302)
            and AuditRecord.objects.get(pk=world.objects["audit_record"].pk).outcome == "failure"
        ),
    ),
    Row(
        "AuditRecord",
        "delete",
        frozenset(),
        http_ok(
            "get", lambda w: f"/django-admin/accounts/auditrecord/{w.objects['audit_record'].pk}/delete/"
        ),
    ),
    Row("AuditRecord", "API", frozenset(), not_yet="the audit trail has no API (admin only, by design)"),
    # AuthToken (API tokens, R-43): the sysadmin lists and revokes; nobody mints one for someone else;
    # through the API only the owner revokes ----------------------------------------------------------
    Row("AuthToken", "list", allowed("sysadmin"), http_ok("get", lambda w: "/django-admin/knox/authtoken/")),
    Row(
        "AuthToken",
        "add for another user",
        frozenset(),
        http_ok("get", lambda w: "/django-admin/knox/authtoken/add/"),
    ),
    Row("AuthToken", "revoke (admin)", allowed("sysadmin"), lambda c, u, w: _token_revoked(c, w, "admin")),
    Row(
        "AuthToken", "revoke (API)", allowed("applicant_member"), lambda c, u, w: _token_revoked(c, w, "api")
    ),
    # CMS district section (Wagtail page subtree per bureau) -------------------------------------------
    Row(
        "DistrictSection",
        "change",
        allowed("bureau_editor", "cms_editor", "sysadmin"),
        http_ok("get", lambda w: f"/admin/pages/{w.objects['section_home'].pk}/edit/"),
    ),
    Row(
        "DistrictSection",
        "add child page",
        allowed("bureau_editor", "cms_editor", "sysadmin"),
        http_ok("get", lambda w: f"/admin/pages/add/cms_pages/newspage/{w.objects['section_home'].pk}/"),
    ),
    Row(
        "DistrictSection",
        "list (admin explorer)",
        allowed("bureau_editor", "cms_editor", "sysadmin"),
        http_ok("get", lambda w: f"/admin/pages/{w.objects['section_home'].pk}/"),
    ),
    # Application, ScoreSheet, ReviewReport (services.applications, services.reviews) -----------------
    *_application_rows(),
    # A centre's records: construction, acceptance, supervision, one rule (accounts.centre_access) ----
    *centre_record_rows(Row, allowed, in_queryset, COMMISSION),
    # Workspaces (services.workspaces): the commission's queues and the bureau's, its district only ------
    *_workspace_rows(),
    # The API root lists the endpoints to everyone (each endpoint keeps its own rows).
    Row("ApiRoot", "list", allowed(*ACTORS), http_ok("get", lambda w: "/api/v1/")),
    # A new verification link goes only to the person who just signed in with the right password of an
    # unverified account (a session mark); no signed-in or anonymous actor without that mark gets one.
    Row("VerificationLink", "resend", allowed(), http_ok("post", lambda w: "/accounts/register/resend/")),
]

# 好差评 and the service-hall entrances (issue 12) ---------------------------------------------------------
from tests.permissions.ratings_rows import rating_rows  # noqa: E402

ROWS += rating_rows()

# The service hall's flows (ServiceDraft, its pages and files) and the acceptance form's held files ------
from tests.permissions.hall_rows import hall_rows  # noqa: E402

ROWS += hall_rows()
