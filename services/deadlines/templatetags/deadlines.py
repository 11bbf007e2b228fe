"""`{% load deadlines %}`: every screen that shows a deadline shows the days left from the engine (R-42).

{{ centre.construction_end|days_left }}          -> 12 (0 on the day itself, negative once overdue)
{{ centre.construction_end|days_left_text }}     -> "剩余 12 天" / "今天截止" / "已逾期 3 天"
"""

from django import template

from services.deadlines import clock, rules

register = template.Library()


@register.filter
def days_left(deadline, today=None):
    if not deadline:
        return ""
    return rules.days_left(deadline, today or clock.beijing_today())


@register.filter
def days_left_text(deadline, today=None):
    if not deadline:
        return ""
    return rules.days_left_text(deadline, today or clock.beijing_today())
