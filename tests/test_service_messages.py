"""Every error body the service sends for a check ends "Save it anyway.", as docs/service.md promises."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from langcheck.service.main import create_app
from langcheck.service.settings import Settings

NOT_CHECKED = "The note was not checked. Save it anyway."


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings(max_chars=200))) as c:
        yield c


@pytest.mark.parametrize("request_kw, status", [
    ({"json": {"txt": "The LAC review."}}, 422),                      # wrongly shaped: was "...: Field required."
    ({"json": {"text": 3}}, 422),
    ({"json": {"text": "x", "config": {"select": "jargon"}}}, 422),
    ({"json": {"text": "x", "config": {"select": ["NOPE999"]}}}, 422),
    ({"json": {"text": "x", "dismissed": ["not a fingerprint"]}}, 422),
    ({"content": b'{"text": "x"', "headers": {"content-type": "application/json"}}, 400),
    ({"json": {"text": "x" * 201}}, 413),
])
def test_v1_error_bodies_end_like_every_other(client, request_kw, status):
    r = client.post("/v1/check", **request_kw)
    assert r.status_code == status
    body = r.json()
    assert body["checked"] is False and body["message"].endswith(NOT_CHECKED), body


def test_v2_error_bodies_end_like_every_other(client):
    for data in ({"language": "en-GB"}, {"data": "not json", "language": "en-GB"}):
        r = client.post("/v2/check", data=data)
        assert r.status_code == 400 and r.json()["message"].endswith(NOT_CHECKED)
