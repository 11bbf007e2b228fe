"""No 500 from any input (issue 15 item 3): every /api/v1/ route, enumerated from the URL resolver.

A path id that is not a number answers 404 on every route and method (services.casework.lookup), and
OPTIONS answers without a server error on every route.
"""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.portal.api_routes import api_routes

pytestmark = pytest.mark.django_db

ROUTES = api_routes("abc")
WITH_ID = [route for route in ROUTES if route.parameters]


def client_of(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


def test_the_resolver_yields_the_routes_with_ids_the_issue_names():
    paths = {route.path for route in WITH_ID}
    for path in (
        "/api/v1/applications/abc/resubmit/",
        "/api/v1/applications/abc/start-review/",
        "/api/v1/applications/abc/withdraw/",
        "/api/v1/reviews/applications/abc/sheet/",
        "/api/v1/reviews/applications/abc/report/",
        "/api/v1/supervision/centres/abc/",
        "/api/v1/supervision/centres/abc/revoke/",
    ):
        assert path in paths, path
    assert len(WITH_ID) >= 40, len(WITH_ID)


@pytest.mark.parametrize("route", WITH_ID, ids=[route.path for route in WITH_ID])
@pytest.mark.parametrize("who", ["commission_officer", "applicant"])
def test_a_non_numeric_id_answers_404_on_every_route_and_method(route, who, people):
    client = client_of(getattr(people, who))
    for method in route.methods:
        response = client.generic(method, route.path, "{}", content_type="application/json")
        assert response.status_code == 404, (method, route.path, response.status_code)


@pytest.mark.parametrize("route", ROUTES, ids=[route.path for route in ROUTES])
def test_options_answers_without_a_server_error_on_every_route(route, people):
    for client in (APIClient(), client_of(people.commission_officer)):
        response = client.options(route.path)
        assert response.status_code < 500, (route.path, response.status_code)
