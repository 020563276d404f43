"""Requests generated from the service's own OpenAPI document (schemathesis), sent with an
administrator's API token: none may end in a 5xx, whatever the parameters and bodies; every refusal
is a problem document."""

from __future__ import annotations

import shutil
import tempfile

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from formgen.service import Settings, create_app

from service_kit import token

_data = tempfile.mkdtemp(prefix="formgen-openapi-")
app = create_app(Settings(max_body_bytes=64 * 1024, data_dir=_data))
_running = TestClient(app)
_running.__enter__()  # the app's lifespan: its register stays open while the generated requests run
HEADERS = token(_running, "administrator")
schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=HEADERS)


@pytest.fixture(scope="module", autouse=True)
def _stop_the_app():
    yield
    _running.__exit__(None, None, None)
    shutil.rmtree(_data, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_ends_in_a_server_error(case):
    response = case.call(headers=HEADERS)
    assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text[:500])
    if response.status_code >= 400:
        assert response.headers["content-type"] == ["application/problem+json"]
        assert response.json()["status"] == response.status_code
