from django.db import models


class SheetStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"


class Recommendation(models.TextChoices):
    APPROVE = "approve", "建议批准筹建"
    REJECT = "reject", "建议不予批准"


DEMO_TEMPLATE_NAME = "演示模板：正式附件2未公开"
