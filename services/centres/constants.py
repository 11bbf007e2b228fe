from django.db import models


class CentreStatus(models.TextChoices):
    """The life of a centre after approval (R-14 … R-35)."""

    CONSTRUCTING = "constructing", "筹建中"
    EXTENDED = "extended", "延期筹建中"
    ACCEPTANCE_APPLIED = "acceptance_applied", "已申请验收"
    ASSESSING = "assessing", "验收考核中"
    RECTIFYING = "rectifying", "整改中"
    LAPSED = "lapsed", "筹建期满未申请验收"
    CONSTRUCTION_REVOKED = "construction_revoked", "已撤销筹建资格"
    ESTABLISHED = "established", "已成立"
    REVOKED = "revoked", "已撤销中心资格"
