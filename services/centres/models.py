from django.db import models

from services.centres.constants import CentreStatus
from services.centres.querysets import CentreQuerySet


class Centre(models.Model):
    """A metrology data construction and application centre, from approval of construction (R-14) on.

    Created by the approval decision; construction, acceptance and supervision move it through its statuses.
    The district decides which bureau (tenant) supervises it (R-04).
    """

    name = models.CharField("中心名称", max_length=120)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name="建设单位", on_delete=models.PROTECT, related_name="centres"
    )
    partners = models.ManyToManyField(
        "accounts.Organisation", verbose_name="联合建设单位", blank=True, related_name="partner_centres"
    )
    district = models.ForeignKey("reference.District", verbose_name="所在区", on_delete=models.PROTECT)
    key_fields = models.ManyToManyField("reference.KeyField", verbose_name="重点领域")
    status = models.CharField(
        "状态", max_length=30, choices=CentreStatus.choices, default=CentreStatus.CONSTRUCTING, db_index=True
    )
    approved_on = models.DateField("批准筹建日期")
    construction_end = models.DateField("筹建期限届满日")
    extended_end = models.DateField("延期后届满日", null=True, blank=True)
    established_on = models.DateField("成立日期", null=True, blank=True)
    revoked_on = models.DateField("撤销日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = CentreQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "计量数据中心"
        verbose_name_plural = "计量数据中心"
        constraints = [
            # one live centre per name (services/centres/naming.py); revoked ones give the name back
            models.UniqueConstraint(
                fields=["name"],
                condition=~models.Q(status__in=["construction_revoked", "revoked"]),
                name="centre_live_name_unique",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def current_end(self):
        return self.extended_end or self.construction_end


class TaskBook(models.Model):
    """筹建任务书 (annex 4), issued with the approval of construction (R-14)."""

    centre = models.OneToOneField(Centre, on_delete=models.PROTECT, related_name="task_book")
    number = models.CharField("任务书编号", max_length=40, unique=True)
    targets = models.TextField("建设目标")
    tasks = models.TextField("主要任务")
    period_start = models.DateField("筹建期起")
    period_end = models.DateField("筹建期止")
    issued_on = models.DateField("下达日期")
    reply_letter = models.TextField("函复内容", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "筹建任务书"
        verbose_name_plural = "筹建任务书"

    def __str__(self):
        return f"{self.number} {self.centre}"
