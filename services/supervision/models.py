"""Supervision of established centres (R-30 … R-35)."""

from django.conf import settings
from django.db import models

from services.casework import numbering
from services.casework.numbering import NumberedCase
from services.supervision import querysets
from services.supervision.constants import (
    ChangeCategory,
    Conclusion,
    FollowUpOutcome,
    InspectionKind,
    InspectionStatus,
    RectificationStatus,
    ReexaminationStatus,
    RevocationArticle,
)

USER = settings.AUTH_USER_MODEL


class AnnualReport(NumberedCase):
    """R-30: the centre's annual work summary, one per centre and year, due in November."""

    CASE_PREFIX = numbering.ANNUAL_REPORT

    centre = models.ForeignKey(
        "centres.Centre", verbose_name="计量数据中心", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    summary = models.TextField("年度工作总结")
    services_provided = models.TextField("服务开展情况", blank=True)
    submitted_on = models.DateField("报送日期（北京时间）")
    late = models.BooleanField("逾期报送", default=False)
    submitted_by = models.ForeignKey(USER, verbose_name="报送人", null=True, on_delete=models.SET_NULL)
    submitted_at = models.DateTimeField("报送时间", auto_now_add=True)

    objects = querysets.CentreScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "centre__name"]
        verbose_name = "年度工作总结报告"
        verbose_name_plural = "年度工作总结报告"
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="one_annual_report_per_year")]

    def __str__(self):
        return f"{self.centre} {self.year}年度工作总结报告"


class ChangeReport(NumberedCase):
    """R-31: a major change the centre reports promptly (重大变化报告)."""

    CASE_PREFIX = numbering.CHANGE_REPORT

    centre = models.ForeignKey(
        "centres.Centre", verbose_name="计量数据中心", on_delete=models.PROTECT, related_name="change_reports"
    )
    category = models.CharField("变更事项", max_length=20, choices=ChangeCategory.choices)
    description = models.TextField("变更说明")
    effective_on = models.DateField("变更生效日期")
    submitted_by = models.ForeignKey(USER, verbose_name="报告人", null=True, on_delete=models.SET_NULL)
    submitted_at = models.DateTimeField("报告时间", auto_now_add=True)

    objects = querysets.CentreScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = "重大变更报告"
        verbose_name_plural = "重大变更报告"

    def __str__(self):
        return f"{self.centre} {self.get_category_display()}"


class Inspection(models.Model):
    """R-32 daily inspection by the district bureau; R-33 unannounced inspection by a commission expert group."""

    centre = models.ForeignKey(
        "centres.Centre", verbose_name="计量数据中心", on_delete=models.PROTECT, related_name="inspections"
    )
    kind = models.CharField("检查类型", max_length=20, choices=InspectionKind.choices)
    status = models.CharField(
        "状态", max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.COMPLETED
    )
    inspected_on = models.DateField("检查日期")
    inspectors = models.CharField("检查人员", max_length=200, blank=True)
    experts = models.ManyToManyField(USER, verbose_name="专家组成员", blank=True, related_name="+")
    items_checked = models.TextField("检查事项", blank=True)
    findings = models.TextField("检查发现", blank=True)
    conclusion = models.CharField("检查结论", max_length=20, choices=Conclusion.choices, blank=True)
    recorded_by = models.ForeignKey(USER, verbose_name="记录人", null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = querysets.InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-inspected_on", "-id"]
        verbose_name = "监督检查"
        verbose_name_plural = "监督检查"

    def __str__(self):
        return f"{self.centre} {self.get_kind_display()}（{self.inspected_on:%Y-%m-%d}）"


class Reexamination(models.Model):
    """R-34: the five-yearly re-examination (复查) by the commission."""

    centre = models.ForeignKey(
        "centres.Centre", verbose_name="计量数据中心", on_delete=models.PROTECT, related_name="reexaminations"
    )
    round_number = models.PositiveSmallIntegerField("复查轮次")
    due_on = models.DateField("应复查日期")
    scheduled_on = models.DateField("安排复查日期")
    experts = models.ManyToManyField(USER, verbose_name="专家组成员", blank=True, related_name="+")
    status = models.CharField(
        "状态", max_length=20, choices=ReexaminationStatus.choices, default=ReexaminationStatus.SCHEDULED
    )
    outcome_notes = models.TextField("复查意见", blank=True)
    decided_on = models.DateField("结论日期", null=True, blank=True)
    scheduled_by = models.ForeignKey(USER, verbose_name="安排人", null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = querysets.InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_on", "-id"]
        verbose_name = "复查"
        verbose_name_plural = "复查"
        constraints = [
            models.UniqueConstraint(fields=["centre", "round_number"], name="one_reexamination_per_round")
        ]

    def __str__(self):
        return f"{self.centre} 第{self.round_number}次复查"


class Rectification(NumberedCase):
    """A rectification request with a deadline, from an inspection or a re-examination (R-32 … R-34).

    The case of the unit's 整改情况报告: numbered when issued, so that the unit's reports and the
    supervisor's checks are followed under one 办件编号 (decision 0110)."""

    CASE_PREFIX = numbering.RECTIFICATION

    centre = models.ForeignKey(
        "centres.Centre", verbose_name="计量数据中心", on_delete=models.PROTECT, related_name="rectifications"
    )
    inspection = models.ForeignKey(
        Inspection,
        verbose_name="来源检查",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rectifications",
    )
    reexamination = models.ForeignKey(
        Reexamination,
        verbose_name="来源复查",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rectifications",
    )
    requirements = models.TextField("整改要求")
    deadline = models.DateField("整改期限")
    status = models.CharField(
        "状态", max_length=20, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    revocation_proposed = models.BooleanField("已提请撤销", default=False)
    issued_on = models.DateField("下达日期")
    issued_by = models.ForeignKey(USER, verbose_name="下达人", null=True, on_delete=models.SET_NULL)
    closed_on = models.DateField("办结日期", null=True, blank=True)

    objects = querysets.CentreScopedQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = "整改通知"
        verbose_name_plural = "整改通知"

    def __str__(self):
        return f"{self.centre} 整改（期限{self.deadline:%Y-%m-%d}）"

    @property
    def is_open(self) -> bool:
        return self.status in (RectificationStatus.OPEN, RectificationStatus.REPORTED)

    @property
    def by_commission(self) -> bool:
        """Rectifications of unannounced inspections and re-examinations are the commission's (R-33, R-34)."""
        return self.reexamination_id is not None or (
            self.inspection is not None and self.inspection.kind == InspectionKind.UNANNOUNCED
        )


class FollowUp(models.Model):
    """A follow-up record of a rectification: the centre's report, or the supervisor's check (R-32)."""

    rectification = models.ForeignKey(
        Rectification, verbose_name="整改通知", on_delete=models.PROTECT, related_name="follow_ups"
    )
    outcome = models.CharField("跟踪结果", max_length=20, choices=FollowUpOutcome.choices)
    note = models.TextField("跟踪情况")
    recorded_on = models.DateField("记录日期")
    recorded_by = models.ForeignKey(USER, verbose_name="记录人", null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = querysets.FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "整改跟踪记录"
        verbose_name_plural = "整改跟踪记录"

    def __str__(self):
        return f"{self.rectification} · {self.get_outcome_display()}"


class Revocation(models.Model):
    """R-35: the revocation decision of a commission leader, citing the article and the reasons."""

    centre = models.OneToOneField(
        "centres.Centre", verbose_name="计量数据中心", on_delete=models.PROTECT, related_name="revocation"
    )
    article = models.CharField("依据条款", max_length=20, choices=RevocationArticle.choices)
    reasons = models.TextField("撤销理由")
    decided_on = models.DateField("撤销日期")
    decided_by = models.ForeignKey(USER, verbose_name="决定人", null=True, on_delete=models.SET_NULL)
    event = models.ForeignKey(
        "casework.CaseEvent", verbose_name="事件记录", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = querysets.CentreScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "撤销决定"
        verbose_name_plural = "撤销决定"

    def __str__(self):
        return f"撤销{self.centre}（{self.get_article_display()}）"


class ExportRecord(models.Model):
    """Who exported which supervision table, when, in which format and how many rows (exports are audited)."""

    user = models.ForeignKey(USER, verbose_name="导出人", null=True, on_delete=models.SET_NULL)
    table = models.CharField("数据表", max_length=40)
    file_format = models.CharField("格式", max_length=10)
    rows = models.PositiveIntegerField("行数")
    scope = models.CharField("范围", max_length=60)
    created_at = models.DateTimeField("导出时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "数据导出记录"
        verbose_name_plural = "数据导出记录"
