"""The public search page (R-44): GET only, no JavaScript needed, bounded whatever the input."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.backends import run_search
from search.constants import FACETS, MAX_QUERY_LENGTH, Sort
from search.query import parse
from search.suggestions import common_terms
from search.vocabulary import allowed_facet_values


def _page_url(request, page: int) -> str:
    params = request.GET.copy()
    params["page"] = page
    return "?" + params.urlencode()


@require_GET
def search_page(request):
    parsed = parse(request.GET, allowed_facet_values())
    query = parsed.query
    results = None
    if query.text or query.filters:
        results = run_search(query)
    context = {
        "query": query,
        "results": results,
        "notices": parsed.messages,
        "facet_labels": FACETS,
        "sort_choices": Sort.choices,
        "common_terms": common_terms()[:12],
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if results is not None:
        context["facet_groups"] = [
            (name, FACETS[name], values) for name, values in results.facets.items() if values
        ]
        if results.has_previous:
            context["previous_url"] = _page_url(request, query.page - 1)
        if results.has_next:
            context["next_url"] = _page_url(request, query.page + 1)
        if results.did_you_mean:
            context["did_you_mean_url"] = "?" + urlencode({"q": results.did_you_mean})
    return render(request, "search/search_page.html", context)
