"""Where each applicant service starts (issue 12, items 1 and 6).

For a signed-in user, `entries(service, user)` lists the places where that user can start or continue the
service: the start of that service's flow for one subject (services.hall.flow), which runs the service's
own form and action, or the page where a case already made is followed. Which cases
qualify mirrors the transition tables the forms' actions check (the actions still refuse what is not
allowed); `unavailable_reason` says in Chinese why there is nothing to start.
"""

from dataclasses import dataclass

from django.urls import reverse

from accounts.constants import Role
from accounts.roles import has_role, organisation_id
from services.reference.applicant_services import Service


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    method: str = "get"  # "post": a form with one button (starting a draft writes it)
    note: str = ""
    centre_id: int | None = None  # the centre the entry acts on, if any


def is_applicant(user) -> bool:
    return getattr(user, "is_authenticated", False) and (
        has_role(user, Role.APPLICANT) and organisation_id(user) is not None
    )


def _centres(user, statuses):
    from services.centres.models import Centre

    return Centre.objects.visible_to(user).filter(organisation_id=organisation_id(user), status__in=statuses)


def _construction(user) -> list[Entry]:
    from services.applications.constants import OPEN_STATUSES
    from services.applications.models import Application

    open_cases = Application.objects.visible_to(user).filter(
        organisation_id=organisation_id(user), status__in=OPEN_STATUSES
    )
    entries = [
        Entry(f"继续办理 {a.case_number}", reverse("service_hall:detail", args=[a.pk]), note=a.status_label)
        for a in open_cases
    ]
    if not entries:  # one open application per unit (the model's constraint)
        entries.append(Entry("开始填写筹建申请", reverse("service_hall:index"), method="post"))
    return entries


def _centre_page(centre, anchor: str) -> str:
    return reverse("construction:centre", args=[centre.pk]) + anchor


def flow_url(flow_key: str, subject_pk: int) -> str:
    """The start of a service's flow for one subject (services.hall.flow): form, 核对信息, confirmation."""
    return reverse("hall:flow", args=[flow_key, subject_pk])


def _acceptance(user) -> list[Entry]:
    from services.centres.constants import CentreStatus as S

    # from construction (or an approved extension) the builder applies for acceptance.
    centres = _centres(user, [S.CONSTRUCTING, S.EXTENDED, S.ACCEPTANCE_APPLIED, S.ASSESSING, S.RECTIFYING])
    entries = []
    for centre in centres:
        acceptance = getattr(centre, "acceptance", None) if hasattr(centre, "acceptance") else None
        if acceptance is not None:
            url = reverse("acceptance:detail", args=[acceptance.pk])
            note = acceptance.get_status_display()
            entries.append(Entry(f"查看 {centre.name} 的验收办件", url, note=note, centre_id=centre.pk))
        else:
            url = flow_url("acceptance", centre.pk)
            entries.append(Entry(f"为 {centre.name} 申请验收", url, centre_id=centre.pk))
    return entries


def _extension(user) -> list[Entry]:
    from services.centres.constants import CentreStatus as S

    # one extension request per centre, while it is under construction.
    entries = []
    for centre in _centres(user, [S.CONSTRUCTING, S.EXTENDED]):
        if hasattr(centre, "extension_request") or centre.status != S.CONSTRUCTING:
            label, url = f"查看 {centre.name} 的延期验收申请", _centre_page(centre, "#extension-h")
        else:
            label, url = f"为 {centre.name} 申请延期验收", flow_url("extension", centre.pk)
        entries.append(Entry(label, url, centre_id=centre.pk))
    return entries


def _major_situation(user) -> list[Entry]:
    from services.construction.actions import UNDER_CONSTRUCTION

    # at any time during construction.
    return [
        Entry(f"为 {c.name} 报告重大情况", flow_url("major-situation", c.pk), centre_id=c.pk)
        for c in _centres(user, UNDER_CONSTRUCTION)
    ]


def _rectification(user) -> list[Entry]:
    from services.acceptance.constants import AcceptanceStatus as A
    from services.acceptance.models import AcceptanceApplication
    from services.supervision.constants import RectificationStatus
    from services.supervision.models import Rectification

    unit = organisation_id(user)
    entries = [
        # the unit reports its rectification result on its centre page.
        Entry(
            f"{a.centre.name}：报告验收整改结果",
            flow_url("acceptance-rectification", a.pk),
            centre_id=a.centre_id,
        )
        for a in AcceptanceApplication.objects.visible_to(user)
        .filter(centre__organisation_id=unit, status__in=[A.RECTIFYING, A.NOTICE_ISSUED])
        .select_related("centre")
    ]
    # R-32 … R-34: a supervision rectification the centre reports on (follow-up "reported").
    for r in Rectification.objects.visible_to(user).filter(
        centre__organisation_id=unit, status=RectificationStatus.OPEN
    ):
        entries.append(Entry(f"{r}：报送整改情况", flow_url("follow-up", r.pk), centre_id=r.centre_id))
    return entries


def _established(user, flow_key: str, label: str) -> list[Entry]:
    from services.centres.constants import CentreStatus as S

    # only an established centre reports.
    return [
        Entry(f"{c.name}：{label}", flow_url(flow_key, c.pk), centre_id=c.pk)
        for c in _centres(user, [S.ESTABLISHED])
    ]


STARTERS = {
    Service.CONSTRUCTION: _construction,
    Service.ACCEPTANCE: _acceptance,
    Service.EXTENSION: _extension,
    Service.MAJOR_SITUATION: _major_situation,
    Service.RECTIFICATION: _rectification,
    Service.ANNUAL_REPORT: lambda u: _established(u, "annual-report", "报送年度工作总结报告"),
    Service.CHANGE_REPORT: lambda u: _established(u, "change-report", "报告重大变化"),
}

UNAVAILABLE = {
    Service.CONSTRUCTION: "",
    Service.ACCEPTANCE: "本单位目前没有处于筹建期的计量数据中心，无需申请验收。",
    Service.EXTENSION: "本单位目前没有处于筹建期的计量数据中心，无需申请延期验收。",
    Service.MAJOR_SITUATION: "本单位目前没有处于筹建期的计量数据中心。重大情况报告在筹建期间报送。",
    Service.RECTIFICATION: "本单位目前没有需要报告整改情况的整改事项。",
    Service.ANNUAL_REPORT: "本单位目前没有已成立的计量数据中心。年度工作总结报告由已成立的中心报送。",
    Service.CHANGE_REPORT: "本单位目前没有已成立的计量数据中心。重大变化报告由已成立的中心报送。",
}


def entries(service: str, user) -> list[Entry]:
    if not is_applicant(user):
        return []
    return STARTERS[Service(service)](user)


def centre_entries(centre, user) -> list[tuple[str, Entry]]:
    """The services this user can start for one centre: for the centre and case pages (item 6)."""
    if not is_applicant(user) or organisation_id(user) != centre.organisation_id:
        return []
    return [
        (service.label, entry)
        for service in Service
        if service != Service.CONSTRUCTION
        for entry in entries(service, user)
        if entry.centre_id == centre.pk
    ]
