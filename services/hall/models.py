"""What an applicant has typed into a service of the service hall before submitting it (issue 12, item 6).

A `ServiceDraft` holds one unit's answers to one service for one subject (a centre, an acceptance case, a
rectification) while they are being typed: the raw values of every field and, as `CaseFile`s owned by the
draft, the files that passed their check. Nothing is lost between pages or on an error. On submission the
service's own action makes the record from it; the draft keeps the declaration and points at the record.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from accounts.roles import organisation_id


class DraftStatus(models.TextChoices):
    OPEN = "open", "填写中"
    SUBMITTED = "submitted", "已提交"


class ServiceDraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A draft (and its files) is seen by the members of its unit only."""
        unit = organisation_id(user) if getattr(user, "is_authenticated", False) else None
        return self.filter(organisation_id=unit) if unit else self.none()


class ServiceDraft(models.Model):
    flow = models.CharField("办理事项", max_length=40)
    subject_id = models.PositiveBigIntegerField("办理对象")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name="申请单位", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填写人", on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField("已填写内容", default=dict, blank=True)
    status = models.CharField("状态", max_length=20, choices=DraftStatus.choices, default=DraftStatus.OPEN)
    declaration_text = models.TextField("声明内容", blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="声明人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    record_type = models.ForeignKey(
        ContentType,
        verbose_name="办件类型",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    record_id = models.PositiveBigIntegerField("办件", null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ServiceDraftQuerySet.as_manager()

    class Meta:
        verbose_name = "服务大厅填写记录"
        verbose_name_plural = "服务大厅填写记录"
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "flow", "subject_id"],
                condition=models.Q(status="open"),
                name="hall_one_open_draft_per_subject",
            )
        ]

    def __str__(self):
        return f"{self.flow}:{self.subject_id}"
