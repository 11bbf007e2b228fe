"""Every route under /api/v1/, enumerated from the URL resolver (so a new endpoint is covered on its own).

`api_routes()` yields one `ApiRoute` per URL pattern (format-suffix variants left out), with a sample path in
which every path parameter is replaced by ``value``, and the HTTP methods its view answers.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

PREFIX = "api/v1/"
CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class ApiRoute:
    name: str
    template: str  # the regex or route text, joined from the resolver's patterns
    path: str  # a sample path with every parameter replaced
    parameters: tuple[str, ...]
    methods: tuple[str, ...]


def _replace_groups(regex: str, value: str) -> tuple[str, list[str]]:
    """``regex`` with each named group ``(?P<name>...)`` (nested parentheses included) replaced by ``value``."""
    out, names, i = [], [], 0
    while i < len(regex):
        if regex.startswith("(?P<", i):
            end = regex.index(">", i)
            names.append(regex[i + 4 : end])
            depth, j = 1, end + 1
            while depth:
                if regex[j] == "\\":
                    j += 2
                    continue
                depth += {"(": 1, ")": -1}.get(regex[j], 0)
                j += 1
            out.append(value)
            i = j
        else:
            out.append(regex[i])
            i += 1
    return "".join(out), names


def _text(pattern, value: str) -> tuple[str, list[str]]:
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        return CONVERTER.sub(value, route), CONVERTER.findall(route)
    assert isinstance(pattern, RegexPattern), pattern
    text, names = _replace_groups(pattern._regex, value)
    return text.lstrip("^").rstrip("$").replace("\\", ""), names


def _methods(callback) -> tuple[str, ...]:
    actions = getattr(callback, "actions", None)  # a DRF viewset route
    if actions:
        allowed = callback.cls.http_method_names
        return tuple(sorted(method.upper() for method in actions if method in allowed))
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is None:
        return ("GET",)
    names = getattr(view_class, "http_method_names", ["get"])
    return tuple(sorted(m.upper() for m in names if m not in {"options", "head"} and hasattr(view_class, m)))


def _walk(patterns, prefix, names, value):
    for entry in patterns:
        text, found = _text(entry.pattern, value)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + text, names + found, value)
        elif isinstance(entry, URLPattern):
            yield prefix + text, names + found, entry


def api_routes(value: str = "abc") -> list[ApiRoute]:
    routes = []
    for path, names, entry in _walk(get_resolver().url_patterns, "/", [], value):
        if not path.startswith("/" + PREFIX) or "format" in names:
            continue
        routes.append(
            ApiRoute(
                name=entry.name or path,
                template=str(entry.pattern),
                path=path,
                parameters=tuple(names),
                methods=_methods(entry.callback),
            )
        )
    return routes
