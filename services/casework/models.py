from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a record that the rules make append-only (R-40)."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("办件记录只可追加，不可修改。")

    def delete(self):
        raise AppendOnlyError("办件记录只可追加，不可删除。")


class CaseEvent(models.Model):
    """R-40: one state change of a case (application, construction, centre...): who, when, from, to, why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(db_index=True)
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField("操作", max_length=50)
    from_status = models.CharField("原状态", max_length=40, blank=True)
    to_status = models.CharField("新状态", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    actor_role = models.CharField("操作人角色", max_length=40, blank=True)
    reason = models.TextField("说明", blank=True)
    public_wording = models.CharField("公开状态说明", max_length=200, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "办件记录"
        verbose_name_plural = "办件记录"
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self):
        return f"{self.action}: {self.from_status} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("办件记录只可追加，不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("办件记录只可追加，不可删除。")

    @classmethod
    def for_object(cls, obj):
        return cls.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("actor")


class CaseNumberSequence(models.Model):
    """One row per prefix and year; the row is locked while a number is taken, so numbers never repeat.

    Numbers are taken only through `services.casework.numbering` (decision 0110)."""

    prefix = models.CharField("编号前缀", max_length=8)
    year = models.PositiveSmallIntegerField("年份")
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "办件编号计数器"
        verbose_name_plural = "办件编号计数器"
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="casework_one_sequence_per_prefix_year")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"
