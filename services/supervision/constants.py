from django.db import models


class ChangeCategory(models.TextChoices):
    """R-31: the major changes a centre must report (Article 19)."""

    ORGANISATION = "organisation", "组织机构或性质变更"
    CAPABILITY = "capability", "技术服务能力变更"
    INFRASTRUCTURE = "infrastructure", "主要基础设施变更"


class InspectionKind(models.TextChoices):
    DAILY = "daily", "日常监督检查"  # R-32, by the district bureau
    UNANNOUNCED = "unannounced", "不定期监督抽查"  # R-33, by a commission expert group


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", "已安排"
    COMPLETED = "completed", "已完成"


class Conclusion(models.TextChoices):
    SATISFACTORY = "satisfactory", "未发现问题"
    RECTIFY = "rectify", "发现问题，需整改"


# the three aspects an unannounced inspection looks at (Article 22).
UNANNOUNCED_ASPECTS = ("运行情况", "服务能力提升情况", "服务产业发展情况")


class RectificationStatus(models.TextChoices):
    OPEN = "open", "整改中"
    REPORTED = "reported", "已报送整改情况"
    COMPLETED = "completed", "整改完成"
    FAILED = "failed", "整改不合格"


class FollowUpOutcome(models.TextChoices):
    REPORTED = "reported", "中心报送整改情况"
    IN_PROGRESS = "in_progress", "跟踪检查，继续整改"
    COMPLETED = "completed", "整改完成"
    FAILED = "failed", "整改不合格"


class ReexaminationStatus(models.TextChoices):
    SCHEDULED = "scheduled", "已安排"
    PASSED = "passed", "复查通过"
    RECTIFYING = "rectifying", "限期整改"
    FAILED = "failed", "复查不通过"


class ReexaminationOutcome(models.TextChoices):
    PASSED = "passed", "复查通过"
    RECTIFY = "rectify", "限期整改"
    FAILED = "failed", "整改后复查仍不通过"


class RevocationArticle(models.TextChoices):
    """R-35: the article the revocation relies on (R-23 for a lapsed construction)."""

    ARTICLE_20 = "article_20", "第二十条（严重违规）"
    ARTICLE_22 = "article_22", "第二十二条（监督抽查整改不合格）"
    ARTICLE_23 = "article_23", "第二十三条（复查整改后仍不合格）"
    ARTICLE_13 = "article_13", "第十三条（筹建期满未完成）"


class ReportStatus(models.TextChoices):
    """R-30: the state of one year's annual report, computed from the deadline engine."""

    NOT_YET_DUE = "not_yet_due", "未到报送期"
    DUE = "due", "报送期内待报送"
    ON_TIME = "on_time", "按时报送"
    LATE = "late", "逾期报送"
    MISSING = "missing", "报告缺失"


INSPECTORS_MAX = 200  # the length of Inspection.inspectors, for the forms and the API alike
