"""The rules of 好差评 (issue 12, item 8), as plain functions: who may rate, what a 差评 is and what it
needs, the follow-up deadlines, the 追评 and the 满意率. No ORM: callers pass the facts."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from services.ratings import workdays
from services.ratings.constants import (
    COMMENT_MAX,
    INDICATORS,
    RECTIFY_WORKING_DAYS,
    REMIND_AFTER_DAYS,
    VISIT_WORKING_DAYS,
    FollowUpStatus,
    Level,
)

BAD_LEVELS = frozenset({Level.DISSATISFIED, Level.VERY_DISSATISFIED})
SATISFIED_LEVELS = frozenset({Level.VERY_SATISFIED, Level.SATISFIED, Level.BASICALLY_SATISFIED})


def is_bad(overall: int) -> bool:
    """不满意 and 非常不满意 (of the 整体满意度) are 差评."""
    return overall in BAD_LEVELS


def rating_refusal(*, is_applicant: bool, user_unit: int | None, case_unit: int, already_rated: bool):
    """Why this user may not rate this case now, or None. Only the applicant unit rates, and once."""
    if not is_applicant or user_unit is None or user_unit != case_unit:
        return "只有本办件的申请单位用户可以评价。"
    if already_rated:
        return "本办件已评价，每件只能评价一次。"
    return None


def rating_errors(levels: dict, comment: str, reason: str) -> dict[str, str]:
    """Field → Chinese message for what is missing or wrong in a rating; empty when it may be stored."""
    errors = {}
    valid = set(Level.values)
    for name, label in INDICATORS:
        if levels.get(name) not in valid:
            errors[name] = f"请选择“{label}”的评价等级。"
    if len(comment or "") > COMMENT_MAX:
        errors["comment"] = f"评价意见不能超过{COMMENT_MAX}字。"
    if len(reason or "") > COMMENT_MAX:
        errors["reason"] = f"差评原因不能超过{COMMENT_MAX}字。"
    elif "overall" not in errors and is_bad(levels["overall"]) and not (reason or "").strip():
        errors["reason"] = "选择“不满意”或“非常不满意”时，请填写差评原因。"
    return errors


def additional_errors(level, comment: str) -> dict[str, str]:
    errors = {}
    if level not in set(Level.values):
        errors["level"] = "请选择追评的评价等级。"
    if len(comment or "") > COMMENT_MAX:
        errors["comment"] = f"追评意见不能超过{COMMENT_MAX}字。"
    return errors


def additional_refusal(*, is_rater_unit: bool, status: str, already_added: bool):
    """追评: by the applicant unit, once, after the commission's feedback."""
    if not is_rater_unit:
        return "只有本办件的申请单位用户可以追评。"
    if already_added:
        return "本差评已追评，只能追评一次。"
    if status != FollowUpStatus.FEEDBACK_GIVEN:
        return "市市场监管委反馈整改情况后才能追评。"
    return None


def visit_due(opened_on: date, table=None) -> date:
    """回访 within 1 working day of the 差评."""
    return workdays.add_working_days(opened_on, VISIT_WORKING_DAYS, table)


def rectify_due(opened_on: date, table=None) -> date:
    """整改 with feedback to the applicant within 15 working days of the 差评."""
    return workdays.add_working_days(opened_on, RECTIFY_WORKING_DAYS, table)


def reminder_day(invited_on: date) -> date:
    """An unrated invitation is repeated 3 days later."""
    return invited_on + timedelta(days=REMIND_AFTER_DAYS)


def satisfaction_rate(counts: dict[int, int]) -> Decimal | None:
    """满意率 = (非常满意 + 满意 + 基本满意) / all ratings, in per cent with one decimal; None without any."""
    total = sum(counts.values())
    if not total:
        return None
    satisfied = sum(n for level, n in counts.items() if level in SATISFIED_LEVELS)
    return (Decimal(100) * satisfied / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
