"""The portal's one form design system (docs/decisions/0070-form-design-system.md).

FORM_RENDERER points here: every `{{ form }}` and `{{ field.as_field_group }}` renders through
templates/forms/form.html and templates/forms/field.html (label, 选填 mark, hint, inline error prefixed
错误：, the control, a character count where a maximum applies). The error summary at the top of the page
comes from the `error_summary` tag in base.html (portal.templatetags.form_design).
"""

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

COUNTED_WIDGETS = {"text", "textarea"}


class PortalBoundField(BoundField):
    """A bound field that knows its error link target and its character limit."""

    @property
    def max_chars(self) -> int | None:
        """The maximum length of a free-text field, shown as a character count (progressive enhancement)."""
        if self.widget_type in COUNTED_WIDGETS:
            limits = [v.limit_value for v in self.field.validators if isinstance(v, MaxLengthValidator)]
            return getattr(self.field, "max_length", None) or min(limits, default=None)
        return None

    @property
    def optional(self) -> bool:
        """Marked （选填）: not required now, and not needed later either (a draft's field that submission
        needs sets `required_on_submission` and is not marked)."""
        return not self.field.required and not getattr(self.field, "required_on_submission", False)

    @property
    def error_anchor(self) -> str:
        """The id the error summary links to: the control itself, or the first of a group of choices."""
        if self.id_for_label:
            return self.id_for_label
        return f"{self.auto_id}_0" if self.auto_id else ""

    @property
    def aria_describedby(self):
        described = super().aria_describedby
        if described is None or not self.max_chars or not self.auto_id:
            return described
        return " ".join(filter(None, [described, f"{self.auto_id}_count"]))

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.max_chars:
            # The limit is checked on the server with a Chinese message; the browser must not cut the text.
            attrs["maxlength"] = False
            attrs["data-maxlength"] = str(self.max_chars)
        return attrs


class PortalFormRenderer(TemplatesSetting):
    """Django's TEMPLATES-based renderer with the portal's own form and field templates."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = PortalBoundField


class NamedRequiredMessages:
    """A form mixin: an empty required field says which one (请填写“单位名称”。), not Django's generic
    “必需字段”, so that every line of the error summary can be told apart. Messages a form sets itself stay."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            generic = type(field).default_error_messages.get(
                "required"
            ) or forms.Field.default_error_messages.get("required")
            if str(field.error_messages.get("required")) != str(generic) or not field.label:
                continue
            verb = (
                "请勾选"
                if isinstance(field, forms.BooleanField)
                else ("请选择" if isinstance(field, forms.ChoiceField | forms.FileField) else "请填写")
            )
            field.error_messages["required"] = f"{verb}“{field.label}”。"
