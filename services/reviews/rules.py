"""Scoring rules (R-12, R-13), pure functions."""

from decimal import Decimal, InvalidOperation

TWO_PLACES = Decimal("0.01")


def score_problem(raw, max_points: Decimal, title: str) -> tuple[Decimal | None, str | None]:
    """Parse one item's score; (value, None) or (None, Chinese message). Empty is allowed in a draft."""
    if raw is None or str(raw).strip() == "":
        return None, None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        return None, f"“{title}”的得分须为数字。"
    if not value.is_finite():
        return None, f"“{title}”的得分须为数字。"
    if value < 0 or value > max_points:
        return None, f"“{title}”的得分须在0至{max_points}分之间。"
    if value != value.quantize(Decimal("0.1")):
        return None, f"“{title}”的得分最多保留一位小数。"
    return value, None


def mean_score(totals: list[Decimal]) -> Decimal | None:
    """R-13: the panel score is the mean of the submitted sheets' totals."""
    if not totals:
        return None
    return (sum(totals, Decimal("0")) / len(totals)).quantize(TWO_PLACES)


def versions_total_valid(max_points: list[Decimal]) -> bool:
    """R-12: a template version's items sum to 100 points."""
    return sum(max_points, Decimal("0")) == Decimal("100")
