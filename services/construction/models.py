from django.conf import settings
from django.db import models

from services.casework import numbering
from services.casework.numbering import NumberedCase
from services.construction.constants import ExtensionStatus
from services.construction.querysets import CentreCaseQuerySet


class MajorSituationReport(NumberedCase):
    """重大情况报告: the builder reports a major situation during construction, at any time (R-20)."""

    CASE_PREFIX = numbering.MAJOR_SITUATION

    centre = models.ForeignKey(
        "centres.Centre", verbose_name="计量数据中心", on_delete=models.PROTECT, related_name="major_reports"
    )
    title = models.CharField("标题", max_length=120)
    body = models.TextField("报告内容")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报告人", on_delete=models.PROTECT
    )
    submitted_at = models.DateTimeField("报告时间", auto_now_add=True)

    objects = CentreCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = "重大情况报告"
        verbose_name_plural = "重大情况报告"

    def __str__(self):
        return self.title


class ExtensionRequest(NumberedCase):
    """延期验收申请 (R-22): one per centre, by the last day to apply; the commission decides."""

    CASE_PREFIX = numbering.EXTENSION

    centre = models.OneToOneField(
        "centres.Centre",
        verbose_name="计量数据中心",
        on_delete=models.PROTECT,
        related_name="extension_request",
    )
    reason = models.TextField("延期原因")
    proposed_assessment_on = models.DateField("拟延期考核时间")
    status = models.CharField(
        "状态", max_length=20, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField("申请日期")
    approved_end = models.DateField("同意延期至", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField("审核日期", null=True, blank=True)
    decision_reason = models.TextField("审核意见", blank=True)

    objects = CentreCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = "延期验收申请"
        verbose_name_plural = "延期验收申请"

    def __str__(self):
        return f"{self.centre} 延期验收申请"
