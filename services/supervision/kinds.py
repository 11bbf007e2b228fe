"""Supervision's record kinds, each declared once (R-30 … R-34).

A kind names its model, its list title, its detail page (template and what else the page shows), its API
shape (serializer), the ways to create one (the form, the action, the fields the action takes, who may
open the form, the rule) and the steps taken on one (a rectification notice on an inspection, a follow-up
on a rectification...). The pages (services.supervision.views), their URLs (urls.py), the API
(api.py, api_urls.py) and the exports (tables.py, by the kind's key) are built from these declarations.
Adding a sixth kind is one `RecordKind(...)` here plus its own rules: model, form, action, serializer and
detail template, and a `tables.TABLES` entry under its key when it is exported.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from accounts.constants import Role
from accounts.roles import bureau_district_id, has_role, is_commission, organisation_id
from services.centres.constants import CentreStatus
from services.files.models import CaseFile
from services.supervision import actions, forms, permissions, serializers
from services.supervision.constants import InspectionKind, InspectionStatus, RectificationStatus
from services.supervision.models import AnnualReport, ChangeReport, Inspection, Rectification, Reexamination
from services.supervision.querysets import centres_visible_to


# who may open a creation form (the action checks again, with the object) -----------------------------------
def centre_member(user) -> None:
    if not (has_role(user, Role.APPLICANT) and organisation_id(user)):
        raise PermissionDenied("只有计量数据中心所在单位的用户可以报送。")


def bureau(user) -> None:
    if bureau_district_id(user) is None:
        raise PermissionDenied("日常监督检查由中心所在区的市场监管局记录。")


def commission(message: str) -> Callable:
    def gate(user) -> None:
        if not is_commission(user):
            raise PermissionDenied(message)

    return gate


def member_centres(user):
    """The established centres a centre's unit reports for (supervising staff report for none)."""
    if is_commission(user) or bureau_district_id(user):
        return centres_visible_to(user).none()
    return centres_visible_to(user).filter(status=CentreStatus.ESTABLISHED)


@dataclass(frozen=True)
class Creation:
    """One way to create a record of a kind: a page (path, form) and, when api_input is set, the API."""

    path: str
    url_name: str
    title: str
    rule: str
    form: type
    action: type
    fields: tuple[str, ...]
    gate: Callable
    centres: Callable = centres_visible_to
    with_files: bool = True
    as_lists: tuple[str, ...] = ()
    api_input: type | None = None
    api_route: str = ""  # "" creates by POST on the kind's collection; else the name of a list route

    def action_input(self, data: dict) -> dict:
        return {k: list(data[k] or []) if k in self.as_lists else data[k] for k in self.fields}


@dataclass(frozen=True)
class Step:
    """An action taken on one record of a kind: its page (under the record's URL) and its API route."""

    segment: str  # the page: supervision/<kind segment>/<pk>/<segment>/
    url_name: str
    title: str  # the page title, followed by the record
    rule: str
    form: type
    action: type
    subject: str  # the name under which the action receives the record
    fields: tuple[str, ...]
    api_input: type
    api_route: str  # the API: /api/v1/supervision/<kind segment>/<pk>/<api_route>/
    api_output: type
    success: str  # the page shown after it: the URL name of the record (or of what the action made)
    success_is_record: bool = False  # True: the record's page; False: the page of what the action returns
    with_files: bool = False
    api_status: int = 201

    def action_input(self, record, data: dict) -> dict:
        return {self.subject: record, **{k: data[k] for k in self.fields}}


# what a detail page shows besides the record ------------------------------------------------------------------
def with_files(user, obj) -> dict:
    return {"files": CaseFile.for_object(obj)}


def inspection_display(user, inspection) -> dict:
    may_record = (
        inspection.kind == InspectionKind.UNANNOUNCED
        and inspection.status == InspectionStatus.PLANNED
        and (is_commission(user) or permissions.is_assigned_expert(user, inspection))
    )
    may_rectify = inspection.status == InspectionStatus.COMPLETED and (
        is_commission(user)
        if inspection.kind == InspectionKind.UNANNOUNCED
        else (permissions.is_bureau_of(user, inspection.centre) or is_commission(user))
    )
    return {
        **with_files(user, inspection),
        "rectifications": Rectification.objects.visible_to(user).filter(inspection=inspection),
        "may_record": may_record,
        "may_rectify": may_rectify,
    }


def rectification_display(user, rectification) -> dict:
    follow_ups = rectification.follow_ups.select_related("recorded_by")
    member = permissions.is_centre_member(user, rectification.centre)
    return {
        "follow_ups": [(f, CaseFile.for_object(f)) for f in follow_ups],
        # the centre's unit reports through the service hall's 整改情况报告 (issue 12, item 6)
        "may_report_follow_up": member and rectification.status == RectificationStatus.OPEN,
        "may_follow_up": rectification.is_open
        and (
            permissions.may_follow_up(user, rectification)
            or permissions.is_centre_member(user, rectification.centre)
        ),
    }


def reexamination_display(user, reexamination) -> dict:
    return {
        "rectifications": reexamination.rectifications.all(),
        "may_decide": is_commission(user) and reexamination.status in ("scheduled", "rectifying"),
    }


@dataclass(frozen=True)
class RecordKind:
    key: str  # the list's URL name and the export table's key
    name: str  # the detail's URL name
    segment: str  # the URL and API path segment
    model: type
    title: str
    serializer: type
    display: Callable = with_files
    creations: tuple[Creation, ...] = field(default=())
    steps: tuple[Step, ...] = field(default=())

    @property
    def template(self) -> str:
        return f"supervision/{self.name}_detail.html"


KINDS = (
    RecordKind(
        "annual_reports",
        "annual_report",
        "annual-reports",
        AnnualReport,
        "年度工作总结报告",
        serializers.AnnualReportSerializer,
        creations=(
            Creation(
                "supervision/annual-reports/new/",
                "annual_report_new",
                "报送年度工作总结报告",
                "R-30",
                forms.AnnualReportForm,
                actions.SubmitAnnualReport,
                ("centre", "year", "summary", "services_provided"),
                gate=centre_member,
                centres=member_centres,
                api_input=serializers.AnnualReportInput,
            ),
        ),
    ),
    RecordKind(
        "change_reports",
        "change_report",
        "change-reports",
        ChangeReport,
        "重大变更报告",
        serializers.ChangeReportSerializer,
        creations=(
            Creation(
                "supervision/change-reports/new/",
                "change_report_new",
                "报告重大变更",
                "R-31",
                forms.ChangeReportForm,
                actions.SubmitChangeReport,
                ("centre", "category", "description", "effective_on"),
                gate=centre_member,
                centres=member_centres,
                api_input=serializers.ChangeReportInput,
            ),
        ),
    ),
    RecordKind(
        "inspections",
        "inspection",
        "inspections",
        Inspection,
        "监督检查",
        serializers.InspectionSerializer,
        display=inspection_display,
        creations=(
            Creation(
                "bureau/supervision/inspections/new/",
                "inspection_new",
                "记录日常监督检查",
                "R-32",
                forms.InspectionForm,
                actions.RecordInspection,
                ("centre", "inspected_on", "inspectors", "items_checked", "findings", "conclusion"),
                gate=bureau,
                api_input=serializers.InspectionInput,
            ),
            Creation(
                "commission/supervision/unannounced/new/",
                "unannounced_new",
                "安排不定期监督抽查",
                "R-33",
                forms.UnannouncedInspectionForm,
                actions.PlanUnannouncedInspection,
                ("centre", "inspected_on", "experts"),
                gate=commission("不定期监督抽查由市市场监管委组织。"),
                with_files=False,
                as_lists=("experts",),
                api_input=serializers.UnannouncedInput,
                api_route="unannounced",
            ),
        ),
        steps=(
            Step(
                "findings",
                "inspection_findings",
                "记录检查发现",
                "R-33",
                forms.FindingsForm,
                actions.RecordUnannouncedFindings,
                "inspection",
                ("inspectors", "findings", "conclusion"),
                serializers.FindingsInput,
                "findings",
                serializers.InspectionSerializer,
                success="inspection",
                with_files=True,
                api_status=200,
            ),
            Step(
                "rectify",
                "inspection_rectify",
                "下达整改通知",
                "R-32",
                forms.RectificationForm,
                actions.RequestRectification,
                "inspection",
                ("requirements", "deadline"),
                serializers.SupervisionRectificationInput,
                "rectifications",
                serializers.RectificationSerializer,
                success="rectification",
            ),
        ),
    ),
    RecordKind(
        "rectifications",
        "rectification",
        "rectifications",
        Rectification,
        "整改通知",
        serializers.RectificationSerializer,
        display=rectification_display,
        steps=(
            Step(
                "follow-up",
                "follow_up",
                "整改跟踪",
                "R-32",
                forms.FollowUpForm,
                actions.RecordFollowUp,
                "rectification",
                ("outcome", "note"),
                serializers.FollowUpInput,
                "follow-ups",
                serializers.FollowUpSerializer,
                success="rectification",
                success_is_record=True,
                with_files=True,
            ),
        ),
    ),
    RecordKind(
        "reexaminations",
        "reexamination",
        "reexaminations",
        Reexamination,
        "复查",
        serializers.ReexaminationSerializer,
        display=reexamination_display,
        creations=(
            Creation(
                "commission/supervision/reexaminations/new/",
                "reexamination_new",
                "安排五年复查",
                "R-34",
                forms.ReexaminationForm,
                actions.ScheduleReexamination,
                ("centre", "scheduled_on", "experts"),
                gate=commission("复查由市市场监管委安排。"),
                with_files=False,
                as_lists=("experts",),
                api_input=serializers.ReexaminationInput,
            ),
        ),
        steps=(
            Step(
                "outcome",
                "reexamination_outcome",
                "记录复查结论",
                "R-34",
                forms.ReexaminationOutcomeForm,
                actions.RecordReexaminationOutcome,
                "reexamination",
                ("outcome", "notes", "requirements", "deadline"),
                serializers.OutcomeInput,
                "outcome",
                serializers.ReexaminationSerializer,
                success="reexamination",
                api_status=200,
            ),
        ),
    ),
)
BY_KEY = {kind.key: kind for kind in KINDS}
CREATIONS = {creation.url_name: (kind, creation) for kind in KINDS for creation in kind.creations}
STEPS = {step.url_name: (kind, step) for kind in KINDS for step in kind.steps}
