"""Panel, sheet and report actions (R-11 … R-13). Same shape as the application's actions: check(user)
tells whether and why not, execute(user) does it in one transaction."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.constants import Role
from accounts.models import User
from accounts.permissions import grant, revoke
from services.applications import recipients
from services.applications.constants import ApplicationStatus
from services.applications.models import Application
from services.applications.querysets import VIEW_PERMISSION
from services.casework.actions import CaseAction
from services.casework.conflicts import conflict_reason
from services.casework.refusals import NotPermitted, WrongState
from services.casework.transitions import TransitionRefused
from services.notifications.service import notify
from services.reviews import rules
from services.reviews.constants import Recommendation, ReportStatus, SheetStatus
from services.reviews.models import ItemScore, Panel, PanelMember, PanelRecusal, ReviewReport, ScoreSheet


def _panel_for_update(application) -> Panel:
    panel = Panel.objects.select_for_update().filter(application=application).first()
    if panel is None:
        raise TransitionRefused("该申请尚未组建专家组。")
    return panel


def _under_review(application) -> None:
    if application.status != ApplicationStatus.UNDER_REVIEW:
        raise WrongState(
            f"申请当前状态为“{application.status_label}”，不在专家评审阶段。", state=application.status_label
        )


class AddPanelMember(CaseAction):
    """R-11: the commission puts an expert on the panel, unless a conflict keeps them off (recorded)."""

    def __init__(self, application, *, expert, is_leader=False, declared_conflict=False, declaration=""):
        self.application = application
        self.expert = expert
        self.is_leader = bool(is_leader)
        self.declared_conflict = bool(declared_conflict)
        self.declaration = declaration or ""

    def check(self, user) -> None:
        if not roles.is_commission(user):
            raise NotPermitted("只有市市场监管委人员可以组建专家组。")
        _under_review(self.application)
        if not roles.has_role(self.expert, Role.EXPERT) or not hasattr(self.expert, "expert"):
            raise TransitionRefused("所选人员不是专家库中的专家。")
        panel = Panel.objects.filter(application=self.application).first()
        if panel is None:
            raise TransitionRefused("该申请尚未组建专家组。")
        if panel.members.filter(expert=self.expert).exists():
            raise TransitionRefused("该专家已在专家组中。")
        if self.is_leader and panel.members.filter(is_leader=True).exists():
            raise TransitionRefused("专家组已有组长，只能有一名组长（R-11）。")

    def conflict(self) -> str | None:
        declared = (
            self.declared_conflict
            or PanelRecusal.objects.filter(
                application=self.application, expert=self.expert, declared_conflict=True
            ).exists()
        )
        return conflict_reason(
            employer_id=self.expert.expert.employer_id,
            unit_ids=self.application.conflict_unit_ids(),
            declared_conflict=declared,
        )

    def execute(self, user) -> PanelMember:
        """Adds the member, or records the recusal and raises TransitionRefused with the reason."""
        with transaction.atomic():
            panel = _panel_for_update(self.application)
            self.check(user)
            reason = self.conflict()
            if reason:
                PanelRecusal.objects.create(
                    application=self.application,
                    expert=self.expert,
                    reason=reason,
                    declared_conflict=self.declared_conflict,
                    declaration=self.declaration,
                    recorded_by=user,
                )
            else:
                try:
                    member = PanelMember.objects.create(
                        panel=panel, expert=self.expert, is_leader=self.is_leader, added_by=user
                    )
                except IntegrityError as exc:
                    raise TransitionRefused("专家组只能有一名组长，且同一专家只能加入一次（R-11）。") from exc
                grant(self.expert, VIEW_PERMISSION, self.application, by=user)
                notify(
                    kind="panel_assigned",
                    recipients=[self.expert],
                    event_key=f"panel:{panel.pk}:member:{member.pk}",
                    context={"application": self.application, "is_leader": self.is_leader},
                    target=self.application,
                    link=reverse("expert:case", args=[self.application.pk]),
                )
                return member
        # The recusal is committed; the refusal is reported to the caller.
        raise TransitionRefused(reason)


# what the leader's report needs when it is submitted (a draft may leave any of them empty).
REPORT_REQUIRED_ON_SUBMISSION = {
    "document_review_on": "材料审查日期",
    "document_review_findings": "材料审查意见",
    "site_visit_on": "实地核查日期",
    "site_visit_findings": "实地核查意见",
    "opinion": "专家组意见",
    "recommendation": "评审建议",
}


class DeclareConflict(CaseAction):
    """R-11: an assigned expert declares a conflict: they leave the panel and the declaration is recorded."""

    def __init__(self, application, *, declaration):
        self.application = application
        self.declaration = (declaration or "").strip()

    def check(self, user) -> PanelMember:
        member = PanelMember.objects.filter(panel__application=self.application, expert=user).first()
        if member is None:
            raise NotPermitted("您不是该申请的评审专家。")
        _under_review(self.application)
        if not self.declaration:
            raise TransitionRefused("请说明利益冲突的情形。")
        if ScoreSheet.objects.filter(panel=member.panel, expert=user, status=SheetStatus.SUBMITTED).exists():
            raise TransitionRefused("您已提交评分表，如存在利益冲突请联系市市场监管委处理。")
        return member

    def execute(self, user) -> PanelRecusal:
        with transaction.atomic():
            _panel_for_update(self.application)
            member = self.check(user)
            recusal = PanelRecusal.objects.create(
                application=self.application,
                expert=user,
                reason="该专家已声明与本案存在利益冲突，须回避。",
                declared_conflict=True,
                declaration=self.declaration,
                recorded_by=user,
            )
            ScoreSheet.objects.filter(panel=member.panel, expert=user).delete()
            member.delete()
            revoke(user, VIEW_PERMISSION, self.application, by=user)
            notify(
                kind="panel_conflict_declared",
                recipients=recipients.commission_staff(),
                event_key=f"recusal:{recusal.pk}",
                context={"application": self.application, "expert": user, "declaration": self.declaration},
                target=self.application,
                link=reverse("commission_applications:detail", args=[self.application.pk]),
            )
        return recusal


def member_of(application, user) -> PanelMember | None:
    return (
        PanelMember.objects.filter(panel__application=application, expert=user)
        .select_related("panel")
        .first()
    )


class SaveSheet(CaseAction):
    """R-12: an expert's sheet, saved as a draft or submitted. Bad scores: a Chinese message, nothing saved."""

    def __init__(
        self, application, *, scores: dict, comments: dict | None = None, overall_comment="", submit=False
    ):
        self.application = application
        self.scores = scores or {}
        self.comments = comments or {}
        self.overall_comment = overall_comment or ""
        self.submit = submit

    def check(self, user) -> PanelMember:
        member = member_of(self.application, user)
        if member is None:
            raise NotPermitted("您不是该申请的评审专家。")
        _under_review(self.application)
        sheet = ScoreSheet.objects.filter(panel=member.panel, expert=user).first()
        if sheet and sheet.status == SheetStatus.SUBMITTED:
            raise WrongState("评分表已提交，不能修改。", state="已提交")
        return member

    def parsed(self, items) -> dict:
        values, problems = {}, []
        for item in items:
            value, problem = rules.score_problem(self.scores.get(str(item.pk)), item.max_points, item.title)
            if problem:
                problems.append(problem)
            elif value is None and self.submit:
                problems.append(f"提交前须为“{item.title}”打分。")
            values[item.pk] = value
        if problems:
            raise TransitionRefused("；".join(problems))
        return values

    def execute(self, user) -> ScoreSheet:
        with transaction.atomic():
            member = self.check(user)
            version = member.panel.template_version
            items = list(version.items.all())
            values = self.parsed(items)
            sheet, _ = ScoreSheet.objects.select_for_update().get_or_create(
                panel=member.panel, expert=user, defaults={"template_version": version}
            )
            for item in items:
                ItemScore.objects.update_or_create(
                    sheet=sheet,
                    item=item,
                    defaults={
                        "score": values[item.pk],
                        "comment": (self.comments.get(str(item.pk)) or "").strip(),
                    },
                )
            sheet.overall_comment = self.overall_comment
            if self.submit:
                sheet.status, sheet.submitted_at = SheetStatus.SUBMITTED, timezone.now()
            sheet.save()
        return sheet


class SaveReport(CaseAction):
    """R-13: the leader's review report; the panel score is the mean of submitted sheets unless overridden
    with a reason."""

    FIELDS = (
        "document_review_on",
        "document_review_findings",
        "site_visit_on",
        "site_visit_findings",
        "opinion",
        "recommendation",
        "override_score",
        "override_reason",
    )

    def __init__(self, application, *, submit=False, **data):
        self.application = application
        self.submit = submit
        self.data = {k: data.get(k) for k in self.FIELDS}

    def check(self, user) -> PanelMember:
        member = member_of(self.application, user)
        if member is None or not member.is_leader:
            raise NotPermitted("只有专家组组长可以填写评审报告（R-13）。")
        _under_review(self.application)
        report = ReviewReport.objects.filter(panel=member.panel).first()
        if report and report.status == ReportStatus.SUBMITTED:
            raise WrongState("评审报告已提交，不能修改。", state="已提交")
        return member

    def problems(self, submitted_totals) -> list[str]:
        d = self.data
        problems = []
        override = d.get("override_score")
        if override is not None:
            if not 0 <= override <= 100:
                problems.append("专家组评分须在0至100分之间。")
            if not (d.get("override_reason") or "").strip():
                problems.append("调整专家组评分须写明理由（R-13）。")
        if self.submit:
            problems += [
                f"提交前须填写“{label}”。"
                for key, label in REPORT_REQUIRED_ON_SUBMISSION.items()
                if not d.get(key)
            ]
            if not submitted_totals:
                problems.append("尚无专家提交评分表，不能提交评审报告。")
        if d.get("recommendation") and d["recommendation"] not in Recommendation.values:
            problems.append("评审建议无效。")
        return problems

    def execute(self, user) -> ReviewReport:
        with transaction.atomic():
            panel = _panel_for_update(self.application)
            self.check(user)
            totals = [
                s.total for s in panel.sheets.filter(status=SheetStatus.SUBMITTED).prefetch_related("scores")
            ]
            problems = self.problems(totals)
            if problems:
                raise TransitionRefused("；".join(problems))
            report, _ = ReviewReport.objects.get_or_create(panel=panel, defaults={"author": user})
            for key, value in self.data.items():
                setattr(
                    report,
                    key,
                    value
                    if value is not None
                    else (
                        ""
                        if key
                        in {
                            "document_review_findings",
                            "site_visit_findings",
                            "opinion",
                            "recommendation",
                            "override_reason",
                        }
                        else None
                    ),
                )
            report.mean_score = rules.mean_score(totals)
            report.author = user
            if self.submit:
                report.status, report.submitted_at = ReportStatus.SUBMITTED, timezone.now()
                notify(
                    kind="review_report_submitted",
                    recipients=recipients.commission_leaders(),
                    event_key=f"report:{report.pk}:submitted",
                    context={"application": self.application, "report": report},
                    target=self.application,
                    link=reverse("commission_applications:detail", args=[self.application.pk]),
                )
            report.save()
        return report


def eligible_experts(application):
    """R-11: experts of the application's fields, and whether each is in conflict."""
    field_ids = list(application.key_fields.values_list("pk", flat=True))
    experts = User.objects.filter(is_active=True, groups__name=Role.EXPERT, expert__isnull=False)
    if field_ids:
        experts = experts.filter(expert__key_fields__in=field_ids)
    return experts.select_related("expert").distinct()


def application_of(pk) -> Application:
    return Application.objects.get(pk=pk)
