"""Registering an applicant unit in the service hall (R-01) and opening the verification link."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import OrganisationForm, PersonForm
from accounts.registration import RegistrationRefused, register_unit, resend_verification, verify_unit


@require_http_methods(["GET", "POST"])
def register(request):
    person_form = PersonForm(request.POST or None, prefix="person")
    organisation_form = OrganisationForm(request.POST or None, prefix="unit")
    if request.method == "POST":
        # Validate both forms so that every problem is listed at once.
        forms_valid = [person_form.is_valid(), organisation_form.is_valid()]
        if all(forms_valid):
            try:
                register_unit(request, person_form, organisation_form)
            except RegistrationRefused as refusal:
                organisation_form.add_error(None, str(refusal))
            else:
                return redirect("accounts:register-sent")
    # The error summary lists the forms in this order, as the page shows them.
    context = {"organisation_form": organisation_form, "person_form": person_form}
    return render(request, "accounts/register.html", context, status=400 if request.method == "POST" else 200)


def register_sent(request):
    return render(request, "accounts/register_sent.html")


@require_http_methods(["POST"])
def register_resend(request):
    """A new verification link for the person who just signed in with the right password (session)."""
    try:
        resend_verification(request, request.session.get("resend_verification_for"))
    except RegistrationRefused as refusal:
        return render(request, "accounts/register_verify_failed.html", {"message": str(refusal)}, status=400)
    request.session.pop("resend_verification_for", None)
    return render(request, "accounts/register_sent.html", {"resent": True})


@require_http_methods(["GET", "POST"])
def register_verify(request, token):
    """GET shows a button; POST verifies (mail scanners that prefetch links must not use up the link)."""
    if request.method == "GET":
        return render(request, "accounts/register_verify.html", {"token": token})
    try:
        verified = verify_unit(request, token)
    except RegistrationRefused as refusal:
        return render(request, "accounts/register_verify_failed.html", {"message": str(refusal)}, status=400)
    return render(request, "accounts/register_verified.html", {"organisation": verified.organisation})
