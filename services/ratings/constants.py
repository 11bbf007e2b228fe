from django.db import models


class Level(models.IntegerChoices):
    """The five levels of the national 好差评 system (issue 12, item 8)."""

    VERY_SATISFIED = 5, "非常满意"
    SATISFIED = 4, "满意"
    BASICALLY_SATISFIED = 3, "基本满意"
    DISSATISFIED = 2, "不满意"
    VERY_DISSATISFIED = 1, "非常不满意"


# The national online indicators; the first is the one that classifies the rating.
INDICATORS = (
    ("overall", "整体满意度"),
    ("efficiency", "办事效率"),
    ("guide_accuracy", "办事指南精确度"),
    ("convenience", "办事便捷度"),
    ("platform", "平台操作性"),
)


class FollowUpStatus(models.TextChoices):
    """The life of a 差评 in the commission's queue."""

    AWAITING_VISIT = "awaiting_visit", "待回访"
    RECTIFYING = "rectifying", "已回访，整改中"
    FEEDBACK_GIVEN = "feedback_given", "已反馈整改情况"
    CLOSED = "closed", "申请人已追评"


# Design values taken from provincial practice (issue 12, item 8).
VISIT_WORKING_DAYS = 1
RECTIFY_WORKING_DAYS = 15
REMIND_AFTER_DAYS = 3
COMMENT_MAX = 500
