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
