"""/api/v1/: the API root, listing every endpoint of the API that takes no argument (links, not documentation:
the schema and the docs page are among them)."""

from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

PREFIX = "api/v1/"


def endpoints(patterns, prefix="") -> list[tuple[str, str]]:
    """(name, route) of every endpoint without arguments; the routers' own roots are left out."""
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern).replace("^", "").replace("$", "")
        if isinstance(pattern, URLResolver):
            found += endpoints(pattern.url_patterns, route)
        elif (
            isinstance(pattern, URLPattern)
            and route
            and pattern.name
            and pattern.name != "api-root"
            and not any(c in route for c in "<(?[")
        ):
            found.append((pattern.name, route))
    return sorted(set(found), key=lambda item: item[1])


def api_patterns():
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and str(pattern.pattern) == PREFIX:
            return pattern.url_patterns
    return []


@extend_schema(exclude=True)  # a list of links, not an operation of the API
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request):
    """天津市计量数据建设应用中心服务平台 API 的入口：列出各接口。"""
    listed = {
        name: request.build_absolute_uri(f"/{PREFIX}{route}") for name, route in endpoints(api_patterns())
    }
    return Response(
        {
            "name": "天津市计量数据建设应用中心服务平台 API",
            "version": "v1",
            "schema": request.build_absolute_uri(f"/{PREFIX}schema/"),
            "docs": request.build_absolute_uri(f"/{PREFIX}docs/"),
            "endpoints": listed,
        }
    )
