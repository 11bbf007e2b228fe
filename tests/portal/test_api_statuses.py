"""The published schema documents the error statuses the API really answers (portal.openapi.document_error_statuses).

The schemathesis run (tests/portal/test_api_fuzz.py) checks the statuses against real answers; this checks the
schema's shape on every operation, and lists what drf-spectacular (OpenAPI 3.0) cannot express.
"""

import pytest

pytestmark = pytest.mark.django_db

WRITES = {"post", "put", "patch", "delete"}

# Answers the API can give that the schema does not, because an OpenAPI operation cannot state them:
NOT_EXPRESSED = {
    "405": "a method the route does not serve has no operation in OpenAPI to document it on",
    "406": "an Accept header the API cannot render: content negotiation precedes every operation",
    "415": "a request body in a media type the operation does not list: OpenAPI lists only accepted ones",
}


@pytest.fixture
def operations(client):
    paths = client.get("/api/v1/schema/").json()["paths"]
    return [
        (path, method, operation) for path, methods in paths.items() for method, operation in methods.items()
    ]


def test_every_write_documents_400_and_403_with_their_bodies(operations):
    writes = [(path, method, op) for path, method, op in operations if method in WRITES]
    assert len(writes) >= 30
    for path, method, operation in writes:
        responses = operation["responses"]
        assert {"400", "403"} <= set(responses), (method, path)
        shapes = responses["400"]["content"]["application/json"]["schema"]["anyOf"]
        assert {"$ref": "#/components/schemas/FieldErrors"} in shapes, (method, path)
        assert {"$ref": "#/components/schemas/ErrorDetail"} in shapes, (method, path)


def test_every_path_id_documents_404_and_every_signed_in_operation_403(operations):
    for path, method, operation in operations:
        if "{" in path:
            assert "404" in operation["responses"], (method, path)
        if {} not in operation.get("security", [{}]):
            assert "403" in operation["responses"], (method, path)


def test_public_reads_do_not_claim_a_403(operations):
    """The public content endpoints answer anyone: no 403 is documented where none can be answered."""
    public = [op for path, method, op in operations if path == "/api/v1/centres/" and method == "get"]
    assert public and "403" not in public[0]["responses"]


def test_statuses_drf_spectacular_cannot_express_are_none_the_schema_claims(operations):
    for path, method, operation in operations:
        assert not set(NOT_EXPRESSED) & set(operation["responses"]), (method, path)
