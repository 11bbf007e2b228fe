from django.db import models


class Channel(models.TextChoices):
    INBOX = "inbox", "站内消息"
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"


class AttemptOutcome(models.TextChoices):
    SENT = "sent", "发送成功"
    RETRY = "retry", "暂时失败，将重试"
    FAILED = "failed", "失败，不再重试"


class ReadState(models.TextChoices):
    UNREAD = "unread", "未读"
    READ = "read", "已读"
