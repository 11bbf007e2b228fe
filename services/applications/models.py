from django.conf import settings
from django.db import models

from accounts.models import validate_credit_code
from services.applications.constants import OPEN_STATUSES, ApplicationStatus, Condition
from services.applications.querysets import ApplicationQuerySet
from services.casework import numbering
from services.casework.numbering import NumberedCase


class Application(NumberedCase):
    """申报书 (annex 1): a unit's application to build a centre (R-02 … R-04, R-10 … R-14).

    Its 办件编号 is taken when the draft is started (services.casework.numbering)."""

    CASE_PREFIX = numbering.CONSTRUCTION
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="申请单位（主要建设方）",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    district = models.ForeignKey("reference.District", verbose_name="所在区", on_delete=models.PROTECT)
    key_fields = models.ManyToManyField("reference.KeyField", verbose_name="重点领域", blank=True)
    status = models.CharField(
        "状态",
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    # 一、基本信息
    centre_name = models.CharField("拟建中心名称", max_length=120, blank=True)
    unit_profile = models.TextField("申请单位基本情况", blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=20, blank=True)
    is_joint_build = models.BooleanField("联合共建", default=False)
    # 三、建设基础
    construction_basis = models.TextField("建设基础", blank=True)
    # 四、建设目标与任务
    goals = models.TextField("建设目标", blank=True)
    tasks = models.TextField("主要任务", blank=True)
    # 五、组织管理
    organisation_management = models.TextField("组织管理与保障措施", blank=True)
    # the declaration of the submitting user
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="声明人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    declared_at = models.DateTimeField("声明时间", null=True, blank=True)
    declaration_text = models.TextField("声明内容", blank=True)
    first_submitted_at = models.DateTimeField("首次提交时间", null=True, blank=True)
    submitted_at = models.DateTimeField("最近提交时间", null=True, blank=True)
    # the decision
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rejection_reasons = models.TextField("不予批准理由", blank=True)
    centre = models.OneToOneField(
        "centres.Centre",
        verbose_name="计量数据中心",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "筹建申请"
        verbose_name_plural = "筹建申请"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status__in=[str(s) for s in OPEN_STATUSES]),
                name="applications_one_open_per_unit",
                violation_error_message="本单位已有一件未办结的筹建申请，不能再新建。",
            )
        ]

    def __str__(self):
        return f"{self.case_number} {self.centre_name or self.organisation}"

    @property
    def status_label(self) -> str:
        return ApplicationStatus(self.status).label

    def partner_unit_ids(self) -> set[int]:
        return {p.organisation_id for p in self.partners.all() if p.organisation_id}

    def conflict_unit_ids(self) -> set[int]:
        """R-11: the applicant and every registered partner unit."""
        return {self.organisation_id, *self.partner_unit_ids()}

    def condition_map(self) -> dict:
        return {c.code: c for c in self.conditions.all()}


class ApplicationPartner(models.Model):
    """A partner of a joint build (R-03): a registered unit, or a named unit with its credit code."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="已登记单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_applications",
    )
    name = models.CharField("单位名称", max_length=100)
    credit_code = models.CharField("统一社会信用代码", max_length=18, validators=[validate_credit_code])
    responsibility = models.TextField("承担的建设任务", blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "联合建设单位"
        verbose_name_plural = "联合建设单位"
        constraints = [
            models.UniqueConstraint(fields=["application", "credit_code"], name="applications_partner_once")
        ]

    def __str__(self):
        return self.name


class ConditionDeclaration(models.Model):
    """R-02: the declaration against one of the six conditions of Article 8, with its explanation.
    Supporting files are CaseFiles of the application with purpose "condition:<code>"."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conditions")
    code = models.CharField("条件", max_length=20, choices=Condition.choices)
    meets = models.BooleanField("是否符合", null=True)
    explanation = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "申报条件声明"
        verbose_name_plural = "申报条件声明"
        constraints = [
            models.UniqueConstraint(fields=["application", "code"], name="applications_condition_once")
        ]

    def __str__(self):
        return Condition(self.code).label


class CorrectionRequest(models.Model):
    """R-10: one round of 补正: everything missing, listed at once. Every round is kept."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="corrections")
    round_number = models.PositiveSmallIntegerField("轮次")
    items = models.JSONField("需补正事项", default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT
    )
    requested_at = models.DateTimeField("退回时间", auto_now_add=True)
    answered_at = models.DateTimeField("补正提交时间", null=True, blank=True)

    class Meta:
        ordering = ["round_number"]
        verbose_name = "补正通知"
        verbose_name_plural = "补正通知"
        constraints = [
            models.UniqueConstraint(
                fields=["application", "round_number"], name="applications_correction_round"
            )
        ]

    def __str__(self):
        return f"{self.application.case_number} 第{self.round_number}次补正"
