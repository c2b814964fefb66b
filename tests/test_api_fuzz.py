"""API fuzzing: schemathesis generates requests from the service's own OpenAPI schema and runs
its default checks on every answer (no 5xx, status codes, content types, headers and bodies as
the schema documents them). Bounded: at most 30 examples per operation, derandomized, so CI
runs the same requests each time. The app runs in-process through ASGI with the model loaded
once for the module.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from langcheck.service.engine import Engine  # noqa: E402
from langcheck.service.main import create_app  # noqa: E402
from langcheck.service.settings import Settings  # noqa: E402

ENGINE = Engine()
# Loaded before from_asgi: schemathesis runs the app's lifespan, and a lifespan that loaded the
# engine itself closes it at shutdown, which would leave later cases answering 503 not_ready.
ENGINE.load()
APP = create_app(Settings(timeout_seconds=30), engine=ENGINE)  # no deadline flakes on a busy CI machine
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)

# Requests the schema allows but the service refuses on meaning, not shape: a rule id no lexicon
# has, /v2/check with neither text nor data, enabledOnly with nothing enabled, a note over the
# size limit (a setting, so not in the schema). Any other refusal of a schema-valid request is
# a failure (this replaces schemathesis's positive_data_acceptance, which knows no semantics).
SEMANTIC = ("unknown rule or category", "Send the note as 'text' or 'data'", "enabledOnly=true needs",
            "not valid JSON", "annotation", "limit is")


@schemathesis.check
def rejects_valid_requests_only_on_meaning(ctx, response, case):
    if case.meta is None or case.meta.generation.mode != schemathesis.GenerationMode.POSITIVE:
        return None
    if response.status_code in (400, 413, 422):
        body = response.json()
        message = body.get("message", "")
        assert any(s in message for s in SEMANTIC), f"schema-valid request refused: {message}"
    return None


@pytest.fixture(scope="module", autouse=True)
def _loaded_engine():
    yield
    ENGINE.close()


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_answers_every_generated_request_as_documented(case) -> None:
    from schemathesis.checks import positive_data_acceptance

    assert ENGINE.ready  # a 503 not_ready is documented, so it would pass every check unnoticed
    case.call_and_validate(excluded_checks=[positive_data_acceptance],
                           additional_checks=[rejects_valid_requests_only_on_meaning])


def test_regressions_found_by_the_api_fuzzer() -> None:
    from fastapi.testclient import TestClient

    client = TestClient(APP)
    note = "Home visit to Sam (8). Mum was aggressive."
    for body, status in (({"text": note, "config": {"max_reading_grade": False}}, 422),
                         ({"text": note, "meta": {"activity_date": 1700000000}}, 422),
                         ({"text": note, "config": {"max_reading_grade": 12}}, 200),
                         ({"text": note, "meta": {"activity_date": "2024-03-04"}}, 200)):
        r = client.post("/v1/check", json=body)
        assert r.status_code == status, (body, r.text)
