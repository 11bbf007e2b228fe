"""The page-level parts of the form design system: the error summary and the 错误： title prefix.

Both find the bound forms with errors in the template context by themselves, so a page gets them by
extending base.html, without markup of its own (portal/form_rendering.py renders the fields).
"""

from django import template
from django.forms import BaseForm, BaseFormSet
from django.template.loader import render_to_string

register = template.Library()


def forms_with_errors(context) -> list:
    found, seen = [], set()
    for value in context.flatten().values():
        # type(), not isinstance(): isinstance() would evaluate lazy values such as the CSRF token, which
        # sets the CSRF cookie and so makes every public page personal to the front cache.
        if issubclass(type(value), BaseForm | BaseFormSet) and value.is_bound and id(value) not in seen:
            seen.add(id(value))
            if value.errors:
                found.append(value)
    return found


def summary_items(form) -> list[dict]:
    """One item per error, with the same text as the inline error and the id of its field."""
    if isinstance(form, BaseFormSet):
        items = [{"message": e, "anchor": ""} for e in form.non_form_errors()]
        for member in form.forms:
            items.extend(summary_items(member))
        return items
    items = [{"message": e, "anchor": ""} for e in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            anchor = getattr(field, "error_anchor", "") or field.id_for_label
            items.append({"message": error, "anchor": anchor})
    return items


@register.simple_tag(takes_context=True)
def error_summary(context):
    """存在以下问题: a box with a link to every field in error (focused on load by js/forms.js)."""
    items = [item for form in forms_with_errors(context) for item in summary_items(form)]
    if not items:
        return ""
    return render_to_string("forms/error_summary.html", {"items": items})


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """The page title starts with 错误： when a form on the page has errors."""
    return "错误：" if forms_with_errors(context) else ""
