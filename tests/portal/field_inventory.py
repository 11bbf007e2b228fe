"""Every input field of the page forms and of the API's request bodies, found from the code, with its kind
(issue 15 item 4): the matrix test (test_field_validation) feeds each field the same refused inputs.

Forms: every form class of the modules below (the sign-in forms excepted: they look up, they store nothing).
API: every request serializer of every POST, PUT and PATCH operation of /api/v1/, as drf-spectacular publishes
it (the token endpoint excepted, for the same reason).
"""

import importlib
import inspect
from dataclasses import dataclass

from django import forms
from django.core.validators import MaxLengthValidator
from rest_framework import serializers

FORM_MODULES = [
    "accounts.forms",
    "services.applications.forms",
    "services.acceptance.forms",
    "services.construction.forms",
    "services.supervision.forms",
    "services.workspaces.forms",
    "services.ratings.forms",
    "services.reviews.forms",
]
LOOKUP_FORMS = {"SignInForm", "TokenForm"}
LOOKUP_PATHS = ("/api/v1/auth/",)
CREDENTIALS = {"password", "password1", "password2", "otp_token", "token", "username"}

PHONE_NAMES = {"phone", "contact_phone", "mobile"}
NAME_NAMES = {
    "full_name",
    "name",
    "title",
    "centre_name",
    "contact_name",
    "employer_name",
    "authorising_legal_person",
    "inspectors",
    "attendees",
}


@dataclass(frozen=True)
class Input:
    """One input field: on a page form or in an API request body."""

    side: str  # "form" or "api"
    owner: type
    name: str
    where: str = ""  # the operation, for the API

    @property
    def label(self) -> str:
        suffix = f" ({self.where})" if self.where else ""
        return f"{self.side}:{self.owner.__name__}.{self.name}{suffix}"


def kind_of(name: str, field) -> str | None:
    """phone, credit_code, email, name, rectification_deadline, effective_date, date, text; None for others."""
    if isinstance(field, (forms.DateField, serializers.DateField)):
        if name == "deadline":
            return "rectification_deadline"
        if name == "effective_on":
            return "effective_date"
        return "date"
    if isinstance(
        field, (forms.FileField, serializers.FileField, forms.ChoiceField, serializers.ChoiceField)
    ):
        return None
    if not isinstance(field, (forms.CharField, serializers.CharField)) or name in CREDENTIALS:
        return None
    if name in PHONE_NAMES or name.endswith("_phone"):
        return "phone"
    if name.endswith("credit_code"):
        return "credit_code"
    if name == "email" or name.endswith("_email"):
        return "email"
    if name in NAME_NAMES:
        return "name"
    return "text"


def bound_of(field) -> int | None:
    """The longest text a field takes (its max_length or its smallest length validator)."""
    limits = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    if getattr(field, "max_length", None):
        limits.append(field.max_length)
    return min(limits, default=None)


# forms ----------------------------------------------------------------------------------------------------
def form_classes():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, forms.BaseForm)
                and cls.__module__ == module_name
                and cls.__name__ not in LOOKUP_FORMS
            ):
                yield cls


def make_form(cls, data=None):
    """An instance with its required keyword arguments (the supervision forms' centres) left empty."""
    required = {
        name: None
        for name, parameter in inspect.signature(cls.__init__).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is inspect.Parameter.empty
    }
    return cls(data=data, **required) if data is not None else cls(**required)


def model_bound(cls, name) -> int | None:
    """A ModelForm field's bound from its model field (its validators run when the form is cleaned)."""
    meta = getattr(cls, "_meta", None)
    model = getattr(meta, "model", None)
    if model is None:
        return None
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return None
    limits = [v.limit_value for v in model_field.validators if isinstance(v, MaxLengthValidator)]
    if getattr(model_field, "max_length", None):
        limits.append(model_field.max_length)
    return min(limits, default=None)


def form_inputs():
    for cls in form_classes():
        for name, field in make_form(cls).fields.items():
            kind = kind_of(name, field)
            if kind is not None and not field.disabled:
                yield Input("form", cls, name), kind, bound_of(field) or model_bound(cls, name)


def form_errors(item: Input, value) -> list[str]:
    form = make_form(item.owner, data={item.name: value})
    form.is_valid()
    return list(form.errors.get(item.name, []))


# API ------------------------------------------------------------------------------------------------------
def request_serializers():
    """(operation, serializer class) of every POST/PUT/PATCH request body of /api/v1/."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.settings import spectacular_settings

    generator = SchemaGenerator()
    generator._initialise_endpoints()
    found = {}
    for path, path_regex, method, view in generator._get_paths_and_endpoints():
        if method not in ("POST", "PUT", "PATCH") or path.startswith(LOOKUP_PATHS):
            continue
        view.request = spectacular_settings.GET_MOCK_REQUEST(method, path, view, None)
        schema = view.schema
        schema.path, schema.path_regex, schema.method, schema.view = path, path_regex, method, view
        schema.path_prefix = "^/api/v1/"
        body = schema.get_request_serializer()
        for candidate in body.values() if isinstance(body, dict) else [body]:
            if isinstance(candidate, serializers.ListSerializer):
                candidate = candidate.child
            cls = candidate if isinstance(candidate, type) else type(candidate)
            if isinstance(cls, type) and issubclass(cls, serializers.BaseSerializer):
                found.setdefault(cls, f"{method} {path}")
    return found


def api_inputs():
    for cls, where in request_serializers().items():
        for name, field in cls().fields.items():
            if field.read_only:
                continue
            target = field.child if isinstance(field, serializers.ListField) else field
            kind = kind_of(name, target)
            if kind is not None:
                yield Input("api", cls, name, where), kind, bound_of(target)


def api_errors(item: Input, value, request) -> list[str]:
    field = item.owner().fields[item.name]
    data = {item.name: [value] if isinstance(field, serializers.ListField) else value}
    serializer = item.owner(data=data, partial=True, context={"request": request})
    serializer.is_valid()
    errors = serializer.errors.get(item.name, [])
    if isinstance(errors, dict):  # a list field's errors, by index
        errors = [message for messages in errors.values() for message in messages]
    return [str(message) for message in errors]
