from django import template

register = template.Library()


@register.inclusion_tag("ratings/_guide_satisfaction.html")
def guide_satisfaction(service):
    """The published satisfaction of one service: the count per level and the 满意率 (issue 12, item 8)."""
    from services.ratings import statistics
    from services.ratings.models import Rating

    if not service:
        return {"figures": None}
    return {"figures": statistics.for_service(Rating.objects.all(), service)}
