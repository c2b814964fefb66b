"""One organisation's folder: a .langcheck.yaml that ignores a rule, changes a severity and adds
a local lexicon. The CLI, the audit and the service started in that folder (a real `langcheck
serve`, protected by a token) give the same findings; and a LanguageTool client authenticates
against that service the ways LanguageTool's own clients send credentials."""
from __future__ import annotations

import base64
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from serving import clean_env, serving
from test_cli import LOCAL_LEXICON

TOKEN = "s3cret-org-token"
NOTE = ("Home visit to Sam (8). Respite was arranged for the weekend. Mum was aggressive when I arrived and "
        "the LAC review is on Tuesday. Dad was hostile.\n")
CONFIG = "ignore: [J009, L014]\nlexicons: [terms/ours.yaml]\nseverities: {X001: error, lac-review: info}\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("org")
    (root / "terms").mkdir()
    (root / "terms" / "ours.yaml").write_text(LOCAL_LEXICON, encoding="utf-8")
    (root / ".langcheck.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "notes").mkdir()
    (root / "notes" / "visit.txt").write_text(NOTE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(project):
    yield from _serve(project)


def _serve(folder: Path, *options: str, command: tuple[str, ...] = (sys.executable, "-m", "langcheck")):
    """A real `langcheck serve` started in `folder`, protected by TOKEN: its base URL."""
    with serving(options, folder / "server.log", env=clean_env(LANGCHECK_API_TOKEN=TOKEN), cwd=folder,
                 command=command, ready_seconds=90) as (_, port):
        yield f"http://127.0.0.1:{port}"


def _key(rule, start, end, severity) -> tuple:
    return (rule, "" if start in (None, "") else int(start), "" if end in (None, "") else int(end), severity)


def test_the_cli_the_audit_and_the_service_give_the_same_findings(project, server):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LANGCHECK_")}
    cli = subprocess.run([sys.executable, "-m", "langcheck", "--format", "json", "notes/visit.txt"], cwd=project,
                         capture_output=True, text=True, env=env, timeout=120)
    assert cli.returncode == 1, cli.stderr
    from_cli = {_key(f["rule"], f["start"], f["end"], f["severity"])
                for f in json.loads(cli.stdout)["files"][0]["findings"]}

    audit = subprocess.run([sys.executable, "-m", "langcheck", "audit", "notes", "--out", "audit", "--workers", "1",
                            "--no-progress"], cwd=project, capture_output=True, text=True, env=env, timeout=180)
    assert audit.returncode == 0, audit.stderr
    with open(project / "audit" / "findings.csv", newline="", encoding="utf-8") as fh:
        from_audit = {_key(r["rule"], r["start"], r["end"], r["severity"]) for r in csv.DictReader(fh)}

    r = httpx.post(f"{server}/v1/check", json={"text": NOTE}, headers={"Authorization": f"Bearer {TOKEN}"},
                   timeout=30)
    assert r.status_code == 200, r.text
    from_service = {_key(f["rule"], f["start"], f["end"], f["severity"]) for f in r.json()["findings"]}

    rules = {k[0]: k[3] for k in from_cli}
    assert rules["X001"] == "error" and rules["J002"] == "info"      # the local term and the severities
    assert "J009" not in rules and "L014" not in rules and "L013" in rules   # the ignores
    assert from_cli == from_audit == from_service                  # the audit used to report J009 and never X001


def test_language_tool_python_authenticates_against_a_token_protected_service(server):
    language_tool_python = pytest.importorskip("language_tool_python")
    port = server.rsplit(":", 1)[1]
    # With a token set, the library failed at start ('str' object has no attribute 'get'): it
    # cannot send a header, and /v2/languages needed one. Credentials in the server's URL reach
    # the service as HTTP Basic (password: the token).
    tool = language_tool_python.LanguageTool("en-GB", remote_server=f"http://langcheck:{TOKEN}@127.0.0.1:{port}")
    try:
        matches = tool.check(NOTE)
    finally:
        tool.close()
    by_rule = {m.rule_id: m for m in matches}
    assert {"X001", "L013"} <= set(by_rule)
    assert NOTE[by_rule["X001"].offset:by_rule["X001"].offset + by_rule["X001"].error_length] == "Respite"
    with pytest.raises(Exception):
        language_tool_python.LanguageTool("en-GB", remote_server=f"http://langcheck:wrong@127.0.0.1:{port}")


def test_languagetool_premium_style_credentials(server):
    # username + apiKey form fields, as LanguageTool Premium clients (LTeX, the add-ons) send them.
    form = {"text": NOTE, "language": "en-GB", "username": "me@example.org", "apiKey": TOKEN}
    r = httpx.post(f"{server}/v2/check", data=form, timeout=30)
    assert r.status_code == 200 and {"X001", "L013"} <= {m["rule"]["id"] for m in r.json()["matches"]}
    assert httpx.post(f"{server}/v2/check", data={**form, "apiKey": "wrong"}, timeout=30).status_code == 401
    assert httpx.post(f"{server}/v2/check", data={"text": NOTE}, timeout=30).status_code == 401
    assert httpx.get(f"{server}/v2/languages").status_code == 401
    assert httpx.get(f"{server}/v2/languages", params={"username": "me", "apiKey": TOKEN}).status_code == 200
    basic = "Basic " + base64.b64encode(f"me:{TOKEN}".encode()).decode()
    assert httpx.get(f"{server}/v2/languages", headers={"Authorization": basic}).status_code == 200
    assert httpx.get(f"{server}/v2/languages", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    # /v1/check takes the documented bearer header only.
    assert httpx.post(f"{server}/v1/check", json={"text": NOTE}, headers={"Authorization": basic}).status_code == 401


def test_a_lexicon_given_to_serve_reaches_the_check_processes(tmp_path):
    # The service checks in worker processes forked from a fork server: the lexicon named on
    # the command line (no config file here) must be the one those processes check with, and
    # the code they run the installed langcheck. The fork server is started as `python -c`,
    # which put the working folder first on its import path: a langcheck/ folder there (a
    # clone of the repository, say) was imported by the checkers, and here they never started.
    (tmp_path / "ours.yaml").write_text(LOCAL_LEXICON, encoding="utf-8")
    (tmp_path / "langcheck").mkdir()
    (tmp_path / "langcheck" / "__init__.py").write_text("raise SystemExit('imported from the working folder')\n")
    script = Path(sys.executable).with_name("langcheck")  # as installed: its folder, not the cwd, on the path
    served = _serve(tmp_path, "--lexicon", "ours.yaml", command=(str(script),))
    base = next(served)
    try:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        # (J009 matches "Respite" too, and the lower id wins an equal span: it is ignored here.)
        r = httpx.post(f"{base}/v1/check", json={"text": NOTE, "config": {"ignore": ["J009"]}}, headers=auth,
                       timeout=30)
        assert r.status_code == 200, r.text
        found = {f["rule"]: f for f in r.json()["findings"]}
        assert found["X001"]["text"] == "Respite" and "L013" in found   # ours, and the bundled rules still on
        lt = httpx.post(f"{base}/v2/check", data={"text": NOTE, "language": "en-GB", "disabledRules": "J009"},
                        headers=auth, timeout=30)
        assert "X001" in {m["rule"]["id"] for m in lt.json()["matches"]}
    finally:
        next(served, None)
