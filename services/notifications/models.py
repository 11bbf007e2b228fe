from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from services.notifications.constants import Channel, DeliveryStatus


class Notification(models.Model):
    """One message to one person on one channel: the outbox row and, for the inbox channel, the inbox item.

    Written in the same transaction as the state change that causes it (R-41). The idempotency key is unique
    per (event, recipient, channel), so a retried action or a duplicated task cannot write or send it twice.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    kind = models.CharField("类型", max_length=60, db_index=True)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    link = models.CharField("链接", max_length=300, blank=True)
    idempotency_key = models.CharField("幂等键", max_length=200, unique=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        "发送状态",
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.TextField("失败原因", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "通知"
        verbose_name_plural = "通知"

    def __str__(self):
        return f"{self.get_channel_display()} → {self.recipient}: {self.subject}"
