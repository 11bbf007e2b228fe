from django.db import models


class ExtensionStatus(models.TextChoices):
    """R-22: one request per centre; the commission agrees or refuses."""

    PENDING = "pending", "待审核"
    APPROVED = "approved", "已同意"
    REFUSED = "refused", "未同意"
