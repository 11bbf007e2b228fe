from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from services.notifications.constants import AttemptOutcome, Channel, DeliveryStatus
from services.notifications.querysets import NotificationQuerySet


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
    address = models.CharField("发送地址", max_length=254, blank=True, help_text="实际发送的邮箱或手机号")
    next_attempt_at = models.DateTimeField(
        "下次发送时间",
        null=True,
        blank=True,
        help_text="最近一次交给消息队列或计划重试的时间；定时巡检只重新排队超过宽限期仍待发送的通知。",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "通知"
        verbose_name_plural = "通知"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notif_pending_idx"),
            models.Index(fields=["recipient", "channel", "read_at"], name="notif_inbox_idx"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.recipient}: {self.subject}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class DeliveryAttempt(models.Model):
    """The attempt log of an outbox row: one line per try, written in the transaction that decides it."""

    notification = models.ForeignKey(
        Notification, verbose_name="通知", on_delete=models.CASCADE, related_name="attempt_log"
    )
    outcome = models.CharField("结果", max_length=10, choices=AttemptOutcome.choices)
    error = models.TextField("错误信息", blank=True)
    worker = models.CharField("执行者", max_length=200, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        ordering = ["notification", "at", "id"]
        verbose_name = "发送记录"
        verbose_name_plural = "发送记录"

    def __str__(self):
        return f"{self.notification_id} {self.at:%Y-%m-%d %H:%M:%S} {self.get_outcome_display()}"


class NotificationKind(models.Model):
    """A kind of notification, managed by the commission in the admin.

    A mandatory kind ignores the recipients' opt-outs: it goes out on every channel the caller asks for.
    Kinds not listed here are optional and belong to the category before the first dot of their code.
    """

    code = models.CharField("类型代码", max_length=60, unique=True)
    name = models.CharField("名称", max_length=100)
    category = models.CharField(
        "类别", max_length=60, blank=True, help_text="默认取类型代码第一个点之前的部分"
    )
    mandatory = models.BooleanField("强制通知", default=False, help_text="强制通知不受用户退订设置影响")
    description = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "通知类型"
        verbose_name_plural = "通知类型"

    def __str__(self):
        return f"{self.name}（{self.code}）"

    def save(self, *args, **kwargs):
        if not self.category:
            self.category = self.code.split(".", 1)[0]
        super().save(*args, **kwargs)


class NotificationPreference(models.Model):
    """A user's choice for one channel of one kind (`kind`) or of a whole category (`category`).

    The most specific line wins: kind, then category, then on. The inbox is always on.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField("类型代码", max_length=60, blank=True)
    category = models.CharField("类别", max_length=60, blank=True)
    channel = models.CharField(
        "渠道", max_length=10, choices=[c for c in Channel.choices if c[0] != Channel.INBOX]
    )
    enabled = models.BooleanField("接收", default=True)

    class Meta:
        verbose_name = "通知偏好"
        verbose_name_plural = "通知偏好"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "category", "channel"], name="notif_pref_unique_scope"
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="") & ~models.Q(category=""))
                | (~models.Q(kind="") & models.Q(category="")),
                name="notif_pref_kind_xor_category",
            ),
        ]

    def __str__(self):
        scope = self.kind or self.category
        return f"{self.user} · {scope} · {self.get_channel_display()} · {'开' if self.enabled else '关'}"
