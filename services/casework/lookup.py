"""The API's one lookup of an object by the id in its path.

Every endpoint that finds its object itself (rather than through DRF's ``get_object``) calls
`object_or_404`: an id the queryset cannot take (``abc``, ``1.5``, an id too large for the column) answers 404,
exactly as DRF's own lookups do, never a 500 from the ValueError Django raises while building the query.
The queryset is always a ``visible_to(user)`` one, so an object the user may not see is also a 404.
"""

from rest_framework.generics import get_object_or_404


def object_or_404(queryset, pk):
    """The object of ``queryset`` with this primary key, or Http404 (answered 404 by DRF)."""
    return get_object_or_404(queryset, pk=pk)


def path_object(view, queryset):
    """The object named by the view's own path id (``view.kwargs["pk"]``) in ``queryset``, or Http404."""
    return object_or_404(queryset, view.kwargs[view.lookup_url_kwarg or view.lookup_field])
