"""The applicant services: reference data that the CMS guides, the service hall and 好差评 all name, so it
lives at the bottom of the layers (docs/architecture.md)."""

from django.db import models


class Service(models.TextChoices):
    """The applicant services of the service hall; each 办事指南 starts one of them (issue 12, item 1)."""

    CONSTRUCTION = "construction", "筹建申请"
    ACCEPTANCE = "acceptance", "验收申请"
    EXTENSION = "extension", "延期验收申请"
    MAJOR_SITUATION = "major_situation", "重大情况报告"
    RECTIFICATION = "rectification", "整改情况报告"
    ANNUAL_REPORT = "annual_report", "年度工作总结报告"
    CHANGE_REPORT = "change_report", "重大变化报告"
