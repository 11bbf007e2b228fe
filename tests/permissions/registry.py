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

from accounts.models import AuditRecord, Organisation
from accounts.permissions import can
from services.centres.models import Centre

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
]
