import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from services.files.storage import private_storage


class CaseFile(models.Model):
    """A file attached to a case (application, report, inspection...). Stored under a random name outside
    the web root; downloaded only through a view that asks the owner's visible_to(user)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(db_index=True)
    owner = GenericForeignKey("content_type", "object_id")
    purpose = models.CharField("用途", max_length=60, blank=True)
    original_name = models.CharField("原文件名", max_length=255)
    title = models.CharField(
        "材料名称", max_length=100, blank=True, help_text="上传人给材料起的名称；不填则显示原文件名。"
    )
    content = models.FileField("文件", storage=private_storage, upload_to="cases/%Y/%m", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    mime_type = models.CharField("类型", max_length=120)
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "办件材料"
        verbose_name_plural = "办件材料"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("files:download", args=[self.public_id])

    @property
    def display_name(self) -> str:
        """The title the uploader gave, or the file's own name."""
        return self.title or self.original_name

    @classmethod
    def for_object(cls, obj, purpose: str | None = None):
        qs = cls.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        return qs.filter(purpose=purpose) if purpose is not None else qs
