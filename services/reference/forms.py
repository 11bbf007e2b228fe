"""Form fields shared by the page forms and the API (which parses its input with the same forms)."""

from django import forms

from services.reference.validators import normalise_credit_code, validate_credit_code


class CreditCodeField(forms.CharField):
    """R-01: a unified social credit code, normalised (upper case, half-width, no spaces) before it is
    validated, so what is stored and looked up is always the canonical form."""

    default_validators = [validate_credit_code]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise_credit_code(super().to_python(value))
