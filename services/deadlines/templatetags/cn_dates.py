"""`{{ day|cn_date }}` -> "2028年2月29日"; `{{ moment|cn_date:"time" }}` -> "2028年2月29日 09:05".

Registered as a template built-in (portal/settings/base.py), so every template has it without `{% load %}`.
The one date style of the portal; tests/deadlines/test_date_style.py refuses any other.
"""

from django import template

from services.deadlines import formatting

register = template.Library()


@register.filter
def cn_date(value, arg=""):
    if arg not in ("", "time"):
        raise template.TemplateSyntaxError('cn_date 只接受参数 "time"。')
    return formatting.cn_date(value or None, with_time=arg == "time")
