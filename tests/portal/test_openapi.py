"""The OpenAPI schema at /api/v1/schema/ (JSON) and its docs page."""

import pytest


@pytest.mark.django_db
def test_schema_is_json_and_documents_the_public_content_endpoints(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "天津市计量数据建设应用中心服务平台 API"
    paths = schema["paths"]
    for path in (
        "/api/v1/centres/",
        "/api/v1/centres/{id}/",
        "/api/v1/achievements/",
        "/api/v1/achievements/{id}/",
        "/api/v1/knowledge/",
        "/api/v1/knowledge/{id}/",
    ):
        assert set(paths[path]) == {"get"}, path
    assert all(path.startswith("/api/v1/") for path in paths), "only the portal's API is documented"
    type_parameter = next(
        p for p in paths["/api/v1/achievements/"]["get"]["parameters"] if p["name"] == "type"
    )
    assert set(type_parameter["schema"]["enum"]) == {
        "catalogue",
        "dataset",
        "specification",
        "patent",
        "case",
        "software",
    }


@pytest.mark.django_db
def test_docs_page_points_at_the_schema(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert "/api/v1/schema/" in response.content.decode()
