"""Requests generated from the service's own OpenAPI document (schemathesis): none may end in a 5xx,
whatever the parameters and bodies; every refusal is a problem document."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from formgen.service import Settings, create_app

app = create_app(Settings(max_body_bytes=64 * 1024))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_ends_in_a_server_error(case):
    response = case.call()
    assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text[:500])
    if response.status_code >= 400:
        assert response.headers["content-type"] == ["application/problem+json"]
        assert response.json()["status"] == response.status_code
