from django.db import models


class District(models.Model):
    """A district of Tianjin and its market regulation bureau; each bureau is a tenant of the portal."""

    code = models.CharField("行政区划代码", max_length=6, unique=True)
    name = models.CharField("区名称", max_length=20, unique=True)
    bureau_name = models.CharField("区市场监管局", max_length=50)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "行政区"
        verbose_name_plural = "行政区"

    def __str__(self):
        return self.name


class KeyFieldGroup(models.TextChoices):
    STRATEGIC = "strategic", "战略性新兴产业"
    LIVELIHOOD = "livelihood", "关系民生领域"
    OTHER = "other", "其他"


class KeyField(models.Model):
    """A key field of Article 6 of the measures (R-04)."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=30, unique=True)
    group = models.CharField("类别", max_length=20, choices=KeyFieldGroup.choices)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = "重点领域"
        verbose_name_plural = "重点领域"

    def __str__(self):
        return self.name
