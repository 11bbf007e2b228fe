"""/api/v1/ is the API root: it lists the endpoints, and every listed endpoint answers (no 404)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_root_lists_every_endpoint_and_each_answers(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    listed = body["endpoints"]
    for name in (
        "api-centre-list",
        "api-application-list",
        "supervision-centre-list",
        "api-search",
        "api-schema",
    ):
        assert name in listed, name
    assert body["docs"] == "http://testserver/api/v1/docs/"
    for name, url in listed.items():
        path = url.removeprefix("http://testserver")
        if name == "api-auth-token":
            continue  # POST only
        status = client.get(path).status_code
        assert status in (200, 400, 401, 403, 405), (name, path, status)  # answers: never 404
