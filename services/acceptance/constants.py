from django.db import models


class AcceptanceStatus(models.TextChoices):
    """The acceptance case (R-21, R-24 … R-27). Rounds: 1 assessment, 2 re-assessment after the 3-month
    rectification, 3 assessment after the rectification notice."""

    SUBMITTED = "submitted", "已申请验收"
    ASSESSING = "assessing", "验收考核中"
    RECTIFYING = "rectifying", "限期整改中"
    REASSESSING = "reassessing", "整改后复核中"
    FAILED = "failed", "现场考核不合格"
    NOTICE_ISSUED = "notice_issued", "已下达整改通知书"
    FINAL_ASSESSING = "final_assessing", "整改后现场考核中"
    FINAL_FAILED = "final_failed", "整改不合格"
    PASSED = "passed", "验收合格"
    ESTABLISHED = "established", "已同意成立"
    CANCELLED = "cancelled", "已取消筹建资格"


class StageKind(models.TextChoices):
    """R-24: the stages of the on-site assessment, in this order; collective deliberation is optional."""

    FIRST_MEETING = "first_meeting", "首次会议"
    ONSITE = "onsite", "现场核查"
    DELIBERATION = "deliberation", "集中评议"
    FINAL_MEETING = "final_meeting", "末次会议"


ROUND_OF_STATUS = {
    AcceptanceStatus.ASSESSING: 1,
    AcceptanceStatus.REASSESSING: 2,
    AcceptanceStatus.FINAL_ASSESSING: 3,
}
ROUND_LABELS = {1: "验收考核", 2: "整改后复核", 3: "整改通知书整改后考核"}
DEMO_TEMPLATE_LABEL = "演示模板：正式验收考核内容未公开"
