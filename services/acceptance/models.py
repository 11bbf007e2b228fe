from django.conf import settings
from django.db import models

from services.acceptance.constants import AcceptanceStatus, StageKind
from services.acceptance.querysets import AcceptanceApplicationQuerySet, AcceptancePartQuerySet
from services.casework import numbering
from services.casework.numbering import NumberedCase

POINTS = {"max_digits": 5, "decimal_places": 1}


class AcceptanceTemplate(models.Model):
    """验收考核内容: a versioned template of items summing to 100 (R-25). Sheets keep the version they used."""

    version = models.CharField("版本", max_length=20, unique=True)
    title = models.CharField("名称", max_length=120)
    note = models.TextField("说明", blank=True)
    is_demo = models.BooleanField("演示模板", default=False)
    is_active = models.BooleanField("当前使用", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "验收考核模板"
        verbose_name_plural = "验收考核模板"

    def __str__(self):
        return f"{self.title}（{self.version}）"

    @classmethod
    def current(cls):
        return cls.objects.filter(is_active=True).order_by("-created_at", "-id").first()


class AcceptanceTemplateItem(models.Model):
    template = models.ForeignKey(AcceptanceTemplate, on_delete=models.PROTECT, related_name="items")
    order = models.PositiveSmallIntegerField("序号")
    name = models.CharField("考核内容", max_length=200)
    description = models.TextField("评分要点", blank=True)
    max_points = models.DecimalField("分值", **POINTS)

    class Meta:
        ordering = ["template", "order"]
        unique_together = [("template", "order")]
        verbose_name = "验收考核项"
        verbose_name_plural = "验收考核项"

    def __str__(self):
        return self.name


class AcceptanceApplication(NumberedCase):
    """验收申请 and the acceptance case that follows it (R-21, R-24 … R-27)."""

    CASE_PREFIX = numbering.ACCEPTANCE

    centre = models.OneToOneField(
        "centres.Centre", verbose_name="计量数据中心", on_delete=models.PROTECT, related_name="acceptance"
    )
    status = models.CharField(
        "状态",
        max_length=30,
        choices=AcceptanceStatus.choices,
        default=AcceptanceStatus.SUBMITTED,
        db_index=True,
    )
    written_application = models.TextField("书面验收申请")
    summary_report = models.TextField("筹建工作总结报告")
    follow_up_plan = models.TextField("后续建设规划")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField("申请日期")
    template = models.ForeignKey(
        AcceptanceTemplate, verbose_name="验收考核模板", null=True, blank=True, on_delete=models.PROTECT
    )
    rectification_deadline = models.DateField("整改期限", null=True, blank=True)
    decided_on = models.DateField("结论日期", null=True, blank=True)

    objects = AcceptanceApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = "验收申请"
        verbose_name_plural = "验收申请"

    def __str__(self):
        return f"{self.centre} 验收申请"

    @property
    def leader(self):
        member = self.members.filter(is_leader=True).select_related("expert").first()
        return member.expert if member else None


class AssessmentMember(models.Model):
    """A member of the assessment group (考核组); exactly one leader (组长负责制, R-24)."""

    application = models.ForeignKey(AcceptanceApplication, on_delete=models.CASCADE, related_name="members")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="专家", on_delete=models.PROTECT)
    is_leader = models.BooleanField("组长", default=False)
    appointed_on = models.DateField("组建日期")

    objects = AcceptancePartQuerySet.as_manager()

    class Meta:
        ordering = ["-is_leader", "id"]
        verbose_name = "考核组成员"
        verbose_name_plural = "考核组成员"
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="acceptance_member_once"),
            models.UniqueConstraint(
                fields=["application"], condition=models.Q(is_leader=True), name="acceptance_one_leader"
            ),
        ]

    def __str__(self):
        return f"{self.expert}{'（组长）' if self.is_leader else ''}"


class AssessmentStage(models.Model):
    """One stage of an on-site assessment round (R-24): date, attendees, minutes; the unit's opinion at the
    final meeting."""

    application = models.ForeignKey(AcceptanceApplication, on_delete=models.CASCADE, related_name="stages")
    round_number = models.PositiveSmallIntegerField("考核轮次")
    kind = models.CharField("阶段", max_length=20, choices=StageKind.choices)
    held_on = models.DateField("日期")
    attendees = models.TextField("参加人员")
    minutes = models.TextField("会议纪要/核查记录")
    unit_opinion = models.TextField("被考核单位意见", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = AcceptancePartQuerySet.as_manager()

    class Meta:
        ordering = ["round_number", "held_on", "id"]
        verbose_name = "考核阶段记录"
        verbose_name_plural = "考核阶段记录"
        constraints = [
            models.UniqueConstraint(
                fields=["application", "round_number", "kind"], name="acceptance_stage_once"
            )
        ]

    def __str__(self):
        return f"第{self.round_number}轮 {self.get_kind_display()}"


class ScoreSheet(models.Model):
    """The group's score of one round against one template version (R-25)."""

    application = models.ForeignKey(
        AcceptanceApplication, on_delete=models.CASCADE, related_name="score_sheets"
    )
    round_number = models.PositiveSmallIntegerField("考核轮次")
    template = models.ForeignKey(AcceptanceTemplate, verbose_name="考核模板", on_delete=models.PROTECT)
    total = models.DecimalField("总分", **POINTS)
    passed = models.BooleanField("合格", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField("评分日期")

    objects = AcceptancePartQuerySet.as_manager()

    class Meta:
        ordering = ["round_number"]
        verbose_name = "验收考核评分"
        verbose_name_plural = "验收考核评分"
        constraints = [
            models.UniqueConstraint(fields=["application", "round_number"], name="acceptance_sheet_per_round")
        ]

    def __str__(self):
        return f"第{self.round_number}轮 {self.total}分"


class ScoreEntry(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(AcceptanceTemplateItem, on_delete=models.PROTECT)
    points = models.DecimalField("得分", **POINTS)

    class Meta:
        ordering = ["item__order"]
        verbose_name = "评分项得分"
        verbose_name_plural = "评分项得分"
        constraints = [models.UniqueConstraint(fields=["sheet", "item"], name="acceptance_entry_once")]


class RectificationReport(models.Model):
    """The unit's report of its rectification result (R-25 after round 1, R-26 after the notice)."""

    application = models.ForeignKey(
        AcceptanceApplication, on_delete=models.CASCADE, related_name="rectification_reports"
    )
    after_round = models.PositiveSmallIntegerField("对应考核轮次")
    body = models.TextField("整改情况")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报告人", on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField("报告日期")

    objects = AcceptancePartQuerySet.as_manager()

    class Meta:
        ordering = ["after_round"]
        verbose_name = "整改结果报告"
        verbose_name_plural = "整改结果报告"

    def __str__(self):
        return f"第{self.after_round}轮后整改结果报告"


class RectificationNotice(models.Model):
    """整改通知书 (R-26): issued on a failed re-assessment, with a deadline of at most one year."""

    application = models.OneToOneField(
        AcceptanceApplication, on_delete=models.CASCADE, related_name="rectification_notice"
    )
    number = models.CharField("文号", max_length=40, unique=True)
    issued_on = models.DateField("下达日期")
    deadline = models.DateField("整改期限")
    requirements = models.TextField("整改要求")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="下达人", on_delete=models.PROTECT, related_name="+"
    )

    objects = AcceptancePartQuerySet.as_manager()

    class Meta:
        verbose_name = "整改通知书"
        verbose_name_plural = "整改通知书"

    def __str__(self):
        return self.number
