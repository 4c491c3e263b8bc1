"""Schemathesis fuzzes the API from its own OpenAPI document, on a small, bounded budget.

Operations are driven one by one through their Hypothesis strategies: schemathesis's
pytest loader (``from_fixture``) does not run under pytest 9.
"""

import os
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import APIOperation, Case
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Ok

from tests.integration.http.tokens import mint
from tests.integration.live_server import LiveServer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
# `make fuzz` raises this for a long run; the suite keeps it small.
EXAMPLES_PER_OPERATION = int(os.environ.get("PURCHASE_FUZZ_EXAMPLES", "15"))


def fuzz(operation: APIOperation[Any, Any, Any, Any], base_url: str, token: str) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_as_documented(case: Case[Any]) -> None:
        case.call_and_validate(
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS
        )

    answers_as_documented()


def test_answers_every_operation_as_its_schema_says(server: LiveServer) -> None:
    token = mint("staff")
    schema = schemathesis.openapi.from_url(f"{server.base_url}/schema/openapi.json")
    results = list(
        schema.include(path_regex=r"^/api/v1/(customers|items|orders)").get_all_operations()
    )
    operations = [result.ok() for result in results if isinstance(result, Ok)]

    for operation in operations:
        fuzz(operation, server.base_url, token)

    assert len(operations) == len(results) == 16
