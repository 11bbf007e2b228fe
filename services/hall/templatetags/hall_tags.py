from django import template

register = template.Library()


@register.inclusion_tag("hall/_centre_services.html", takes_context=True)
def centre_services(context, centre):
    """The services the signed-in user can start for this centre (issue 12, item 6)."""
    from services.hall import catalogue

    return {
        "items": catalogue.centre_entries(centre, context["request"].user),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("hall/_asked.html", takes_context=True)
def asked_of_unit(context, acceptance):
    """What is asked of the unit on its own acceptance case, first on the case page (issue 12, item 5):
    the hall reads the acceptance case, so the acceptance page asks the hall, never the reverse."""
    from accounts.constants import Role
    from accounts.roles import has_role
    from services.hall.asked import asked_of_acceptance

    user = context["request"].user
    return {"asked": asked_of_acceptance(acceptance) if has_role(user, Role.APPLICANT) else None}
