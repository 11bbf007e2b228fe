"""Supervision's record kinds, each declared once (R-30 … R-34).

A kind names its model, its list title, its detail page (template and what else the page shows), its API
shape (serializer), the ways to create one (the form, the action, the fields the action takes, who may
open the form, the rule), the steps taken on one (a rectification notice on an inspection, a follow-up
on a rectification...) and its export's columns. The pages (services.supervision.views), their URLs
(urls.py), the API (api.py, api_urls.py) and the exports (tables.TABLES, Excel and CSV) are built from these
declarations. Adding a sixth kind is one `RecordKind(...)` here plus its own rules: model, form, action,
serializer and detail template (and an `Export` when it is exported).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from accounts.constants import Role
from accounts.roles import bureau_district_id, has_role, is_commission, organisation_id
from services.centres.constants import CentreStatus
from services.deadlines import rules as deadlines
from services.files.models import CaseFile
from services.supervision import actions, forms, permissions, serializers
from services.supervision.constants import InspectionKind, InspectionStatus, RectificationStatus
from services.supervision.declarations import Creation, Export, RecordKind, Step, with_files
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


# what a detail page shows besides the record ------------------------------------------------------------------
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


def centre_report(
    key, model, title, serializer, creation, rule, form, action, fields, api_input, export=None
):
    """A report a centre's unit submits for its established centre (R-30, R-31): its list, detail, form and
    API, all under /supervision/<key with dashes>/."""
    name, segment = key.removesuffix("s"), key.replace("_", "-")
    new = Creation(
        f"supervision/{segment}/new/",
        f"{name}_new",
        creation,
        rule,
        form,
        action,
        fields,
        gate=centre_member,
        centres=member_centres,
        api_input=api_input,
    )
    return RecordKind(key, name, segment, model, title, serializer, creations=(new,), export=export)


def rectification_overdue(rectification, today) -> bool:
    return rectification.is_open and deadlines.is_overdue(rectification.deadline, today)


# the two reports of a centre's unit, one row each (centre_report's arguments)
REPORTS = (
    (
        "annual_reports",
        AnnualReport,
        "年度工作总结报告",
        serializers.AnnualReportSerializer,
        "报送年度工作总结报告",
        "R-30",
        forms.AnnualReportForm,
        actions.SubmitAnnualReport,
        ("centre", "year", "summary", "services_provided"),
        serializers.AnnualReportInput,
        Export((("年度", "year"), ("报送日期", "submitted_on"), ("是否逾期", "late"))),
    ),
    (
        "change_reports",
        ChangeReport,
        "重大变更报告",
        serializers.ChangeReportSerializer,
        "报告重大变更",
        "R-31",
        forms.ChangeReportForm,
        actions.SubmitChangeReport,
        ("centre", "category", "description", "effective_on"),
        serializers.ChangeReportInput,
    ),
)


KINDS = (
    *(centre_report(*report) for report in REPORTS),
    RecordKind(
        "inspections",
        "inspection",
        "inspections",
        Inspection,
        "监督检查",
        serializers.InspectionSerializer,
        display=inspection_display,
        export=Export(
            (
                ("检查类型", "get_kind_display"),
                ("检查日期", "inspected_on"),
                ("检查人员", "inspectors"),
                ("检查结论", "get_conclusion_display"),
                ("检查发现", "findings"),
            )
        ),
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
        export=Export(
            (
                ("来源", lambda r, today: str(r.inspection or r.reexamination or "")),
                ("整改要求", "requirements"),
                ("下达日期", "issued_on"),
                ("整改期限", "deadline"),
                ("状态", "get_status_display"),
                ("是否逾期", rectification_overdue),
            ),
            related=("inspection", "reexamination"),
        ),
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
