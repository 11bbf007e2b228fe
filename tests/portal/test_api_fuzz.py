"""schemathesis over the published OpenAPI schema against a live server (issue 15 item 3: no 500 from any input).

Every operation of /api/v1/schema/ is called with generated input, as an anonymous caller and as a
commission officer with an API token, with Hypothesis derandomised (a fixed seed: the same requests every run).
The test asserts at least 2,000 requests were sent, that none answered 5xx, and that every answer has a status
the schema documents and a body its schema allows (each violation is listed in the failure message).
"""

import math
from collections import Counter

import pytest
import requests
from hypothesis import HealthCheck, Phase, given, settings
from knox.models import AuthToken

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the dev extra")
from schemathesis.core.failures import Failure, FailureGroup  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db(transaction=True)]

REQUESTS = 2000


def violation(operation, response, failure) -> str:
    """One line per kind of violation: the operation, the status and the first line of schemathesis' message."""
    first = (failure.message or "").strip().splitlines()
    return f"{operation.label} -> {response.status_code}: {failure.title}: {first[0] if first else ''}"


def fuzz(schema, base_url, identities, per_operation):
    """Call every operation ``per_operation`` times per identity; the (operation, status, violation) seen."""
    sent, server_errors, violations = Counter(), [], Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    session = requests.Session()

    def run_operation(operation, who, headers):
        @settings(
            max_examples=per_operation,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def call(case):
            response = case.call(base_url=base_url, headers=headers, session=session, timeout=30)
            sent[who] += 1
            if response.status_code >= 500:
                server_errors.append(
                    f"{response.status_code} {operation.label} as {who}: {response.text[:200]}"
                )
                return
            try:
                case.validate_response(
                    response, checks=[response_schema_conformance, status_code_conformance], headers=headers
                )
            except FailureGroup as group:
                for failure in group.exceptions:
                    violations[violation(operation, response, failure)] += 1
            except Failure as failure:
                violations[violation(operation, response, failure)] += 1

        call()

    for operation in operations:
        for who, headers in identities.items():
            run_operation(operation, who, headers() if callable(headers) else headers)
    return sent, server_errors, violations


@pytest.fixture
def fuzz_run(live_server, people):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")
    operations = sum(1 for _ in schema.get_all_operations())

    def officer_token():
        # A token of its own for each operation: the fuzzed revoke endpoint ends every token of its owner.
        return {"Authorization": f"Token {AuthToken.objects.create(user=people.commission_officer)[1]}"}

    identities = {"anonymous": {}, "commission officer (token)": officer_token}
    per_operation = math.ceil(REQUESTS / (operations * len(identities))) + 2
    return fuzz(schema, live_server.url, identities, per_operation)


def test_no_input_answers_a_server_error_or_off_its_schema(fuzz_run):
    sent, server_errors, violations = fuzz_run
    print(
        f"sent {sum(sent.values())} requests {dict(sent)}; 5xx {len(server_errors)}; violations {sum(violations.values())}"
    )
    assert sum(sent.values()) >= REQUESTS, sent
    assert min(sent.values()) >= REQUESTS // 3, f"the requests are split between the identities: {sent}"
    assert server_errors == [], "\n".join(server_errors)
    # The same answers: each status documented, each body allowed by its schema (portal.openapi documents the
    # error answers of every operation).
    assert not violations, "\n".join(f"{n:4d} {kind}" for kind, n in sorted(violations.items()))
