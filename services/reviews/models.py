from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from services.reviews.constants import Recommendation, ReportStatus, SheetStatus
from services.reviews.querysets import PanelQuerySet, ReviewReportQuerySet, ScoreSheetQuerySet

TOTAL_POINTS = Decimal("100")


class ScoringTemplate(models.Model):
    """A scoring template of the commission (R-12). Its versions hold the items."""

    name = models.CharField("模板名称", max_length=100, unique=True)
    description = models.TextField("说明", blank=True)
    is_demo = models.BooleanField("演示模板", default=False, help_text="正式附件2未公开时使用的演示模板。")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "评分模板"
        verbose_name_plural = "评分模板"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def current_version(self):
        return self.versions.filter(is_active=True).order_by("-number").first()


class ScoringTemplateVersion(models.Model):
    """One version of a template. Once a sheet uses it, it never changes again (R-12)."""

    template = models.ForeignKey(ScoringTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField("版本号")
    is_active = models.BooleanField("启用", default=True)
    note = models.CharField("修订说明", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "评分模板版本"
        verbose_name_plural = "评分模板版本"
        ordering = ["template", "number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="reviews_version_number")]

    def __str__(self):
        return f"{self.template.name} 第{self.number}版"

    def save(self, *args, **kwargs):
        if self.pk is not None and ScoringTemplateVersion.objects.get(pk=self.pk).is_used:
            raise ValidationError("该版本已被评分表使用，不能修改；请新建版本。")
        super().save(*args, **kwargs)

    @property
    def is_used(self) -> bool:
        return self.pk is not None and (self.sheets.exists() or self.panels.exists())

    def total_points(self) -> Decimal:
        return sum((item.max_points for item in self.items.all()), Decimal("0"))

    def check_total(self) -> None:
        total = self.total_points()
        if total != TOTAL_POINTS:
            raise ValidationError(f"评分项满分合计应为100分，当前为{total}分。")


class ScoringItem(models.Model):
    version = models.ForeignKey(ScoringTemplateVersion, on_delete=models.PROTECT, related_name="items")
    order = models.PositiveSmallIntegerField("序号")
    title = models.CharField("评分项", max_length=100)
    guidance = models.TextField("评分要点", blank=True)
    max_points = models.DecimalField("满分", max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = "评分项"
        verbose_name_plural = "评分项"
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="reviews_item_order")]

    def __str__(self):
        return f"{self.order}. {self.title}（{self.max_points}分）"

    def save(self, *args, **kwargs):
        if self.version.is_used:
            raise ValidationError("该版本已被评分表使用，评分项不能修改；请新建版本。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.version.is_used:
            raise ValidationError("该版本已被评分表使用，评分项不能删除；请新建版本。")
        return super().delete(*args, **kwargs)


class Panel(models.Model):
    """The expert panel of one application (R-11), scoring against one template version (R-12)."""

    application = models.OneToOneField(
        "applications.Application", verbose_name="筹建申请", on_delete=models.PROTECT, related_name="panel"
    )
    template_version = models.ForeignKey(
        ScoringTemplateVersion, verbose_name="评分模板版本", on_delete=models.PROTECT, related_name="panels"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="组建人", on_delete=models.PROTECT)
    created_at = models.DateTimeField("组建时间", auto_now_add=True)

    objects = PanelQuerySet.as_manager()

    class Meta:
        verbose_name = "评审专家组"
        verbose_name_plural = "评审专家组"

    def __str__(self):
        return f"{self.application.case_number} 专家组"

    @property
    def leader(self):
        member = self.members.filter(is_leader=True).select_related("expert").first()
        return member.expert if member else None


class PanelMember(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="专家", on_delete=models.PROTECT)
    is_leader = models.BooleanField("组长", default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="指派人", on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField("指派时间", auto_now_add=True)

    class Meta:
        verbose_name = "专家组成员"
        verbose_name_plural = "专家组成员"
        ordering = ["-is_leader", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "expert"], name="reviews_member_once"),
            models.UniqueConstraint(
                fields=["panel"],
                condition=models.Q(is_leader=True),
                name="reviews_one_leader",
                violation_error_message="专家组只能有一名组长。",
            ),
        ]

    def __str__(self):
        return f"{self.expert}{'（组长）' if self.is_leader else ''}"


class PanelRecusal(models.Model):
    """R-11 (design): an expert kept off, or taken off, a panel, and why. Never silently dropped."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="recusals"
    )
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="专家", on_delete=models.PROTECT)
    reason = models.TextField("回避理由")
    declared_conflict = models.BooleanField("专家声明利益冲突", default=False)
    declaration = models.TextField("声明内容", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "专家回避记录"
        verbose_name_plural = "专家回避记录"
        ordering = ["recorded_at"]

    def __str__(self):
        return f"{self.expert} 回避 {self.application.case_number}"


class ScoreSheet(models.Model):
    """申报评审评分表 (annex 2): one expert's scores, against the version the panel used (R-12)."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="sheets")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="专家", on_delete=models.PROTECT)
    template_version = models.ForeignKey(
        ScoringTemplateVersion, verbose_name="评分模板版本", on_delete=models.PROTECT, related_name="sheets"
    )
    status = models.CharField("状态", max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    overall_comment = models.TextField("总体意见", blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScoreSheetQuerySet.as_manager()

    class Meta:
        verbose_name = "申报评审评分表"
        verbose_name_plural = "申报评审评分表"
        ordering = ["panel", "id"]
        constraints = [models.UniqueConstraint(fields=["panel", "expert"], name="reviews_sheet_once")]

    def __str__(self):
        return f"{self.panel.application.case_number} · {self.expert}"

    @property
    def total(self) -> Decimal:
        return sum((s.score for s in self.scores.all() if s.score is not None), Decimal("0"))


class ItemScore(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(ScoringItem, on_delete=models.PROTECT)
    score = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    comment = models.TextField("评语", blank=True)

    class Meta:
        verbose_name = "评分项得分"
        verbose_name_plural = "评分项得分"
        ordering = ["item__order"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "item"], name="reviews_score_once"),
            models.CheckConstraint(condition=models.Q(score__gte=0), name="reviews_score_not_negative"),
        ]


class ReviewReport(models.Model):
    """筹建评审报告 (annex 3), by the panel leader (R-13)."""

    panel = models.OneToOneField(Panel, on_delete=models.PROTECT, related_name="report")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="组长", on_delete=models.PROTECT)
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    document_review_on = models.DateField("材料审查日期", null=True, blank=True)
    document_review_findings = models.TextField("材料审查意见", blank=True)
    site_visit_on = models.DateField("实地核查日期", null=True, blank=True)
    site_visit_findings = models.TextField("实地核查意见", blank=True)
    opinion = models.TextField("专家组意见", blank=True)
    recommendation = models.CharField("评审建议", max_length=20, choices=Recommendation.choices, blank=True)
    mean_score = models.DecimalField("评分表平均分", max_digits=5, decimal_places=2, null=True, blank=True)
    override_score = models.DecimalField(
        "组长确定的专家组评分", max_digits=5, decimal_places=2, null=True, blank=True
    )
    override_reason = models.TextField("调整理由", blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ReviewReportQuerySet.as_manager()

    class Meta:
        verbose_name = "筹建评审报告"
        verbose_name_plural = "筹建评审报告"

    def __str__(self):
        return f"{self.panel.application.case_number} 评审报告"

    @property
    def panel_score(self):
        """R-13: the mean of submitted sheets unless the leader recorded a justified override."""
        return self.override_score if self.override_score is not None else self.mean_score
