"""The one settings layer (langcheck.settings) and ruff's selection semantics.

The end-to-end check that the CLI, the audit and the service read the same .langcheck.yaml is
tests/test_same_config_everywhere.py.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import langcheck
from langcheck import settings as layer
from langcheck.cli.main import main

from test_cli import LOCAL_LEXICON

ROOT = Path(__file__).resolve().parent.parent
# L013 (aggressive) is on by default; L019 (agitated) and L020 (angry) are off by default.
NOTE = "Mum was aggressive and agitated. Dad was angry about the letter. The LAC review is on Tuesday.\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for variable in (layer.CONFIG_VARIABLE, *layer.ENVIRONMENT.values()):
        monkeypatch.delenv(variable, raising=False)


def found(*args: str) -> set[str]:
    result = CliRunner().invoke(main, ["--format", "json", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}


# -- selection: ruff's semantics -------------------------------------------------------------
def test_select_narrows_and_never_turns_on_a_rule_that_is_off_by_default(rules):
    on = rules.selected()
    assert "L019" not in on and "L020" not in on and "L013" in on
    labels = rules.selected(select=["critical_label"])
    assert labels <= on and "L013" in labels                      # narrowing never adds
    assert rules.selected(select=["L", "D"]) == labels            # prefixes (labels, doubt markers): the same
    assert rules.selected(select=["ALL"]) == on                   # ALL is every rule on by default
    assert rules.selected(select=["L019"]) == {"L019"}            # named by id: turned on
    assert rules.selected(select=["agitated", "critical_label"]) == labels | {"L019"}  # by name too
    assert rules.selected(extend_select=["angry"]) == on | {"L020"}
    assert rules.selected(select=["jargon"], extend_select=["critical_label"]) == \
        rules.selected(select=["jargon"]) | labels
    assert rules.selected(select=["critical_label"], extend_select=["L020"], ignore=["aggressive"]) == \
        (labels | {"L020"}) - {"L013"}
    assert rules.matching(["critical_label"]) >= {"L013", "L019", "L020"}


def test_cli_select_of_a_category_is_a_subset_of_the_default_findings(tmp_path):
    (tmp_path / "n.txt").write_text(NOTE, encoding="utf-8")
    everything = found("n.txt")
    labels = found("--select", "critical_label", "n.txt")
    assert labels == {"L013"} and labels <= everything            # was {L013, L019, L020}
    assert found("--select", "critical_label,agitated", "n.txt") == {"L013", "L019"}
    assert found("--extend-select", "angry", "n.txt") == everything | {"L020"}
    shown = CliRunner().invoke(main, ["config", "--extend-select", "L020"]).stdout
    assert "extend_select" in shown and "L020" in shown and "command line (--extend-select)" in shown


# -- the layer ---------------------------------------------------------------------------------
def test_precedence_and_origins(tmp_path, monkeypatch):
    (tmp_path / "terms.yaml").write_text(LOCAL_LEXICON, encoding="utf-8")
    (tmp_path / "more.yaml").write_text(LOCAL_LEXICON.replace("X001", "X002").replace("respite-local", "respite-2"),
                                        encoding="utf-8")
    (tmp_path / ".langcheck.yaml").write_text(
        "select: [jargon]\nignore: [J009]\nlexicons: [terms.yaml]\nseverities: {lac-review: error}\n"
        "extend-select: [L013]\nmodel: from_file\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.setenv("LANGCHECK_SELECT", "critical_label, jargon")
    monkeypatch.setenv("LANGCHECK_MODEL", "from_env")
    s = layer.load(flags={"model": "from_flag", "ignore": ("J002,J004",), "lexicons": ("more.yaml",)},
                   cwd=tmp_path / "sub")
    assert s.file == (tmp_path / ".langcheck.yaml").resolve()
    assert s.values["select"] == ("critical_label", "jargon")
    assert s.origins["select"] == "environment (LANGCHECK_SELECT)"
    assert s.values["model"] == "from_flag" and s.origins["model"] == "command line (--model)"
    assert s.values["ignore"] == ("J002", "J004") and s.origins["ignore"] == "command line (--ignore)"
    assert s.values["extend_select"] == ("L013",) and s.origins["extend_select"].endswith(".langcheck.yaml")
    # Lexicons add up, each relative to where it was named (the file's folder, the working folder).
    assert s.values["lexicons"] == (str((tmp_path / "terms.yaml").resolve()),
                                    str((tmp_path / "sub" / "more.yaml").resolve()))
    assert s.origins["lexicons"].endswith(".langcheck.yaml + command line (--lexicon)")
    with pytest.raises(layer.SettingsError, match="more.yaml: no such lexicon file"):
        s.resolve()
    s = layer.load(flags={"lexicons": (str(tmp_path / "more.yaml"),)}, cwd=tmp_path / "sub")
    config, rules = s.resolve()
    assert {"X001", "X002"} <= {r.id for r in rules}
    assert config.severities == {"J002": "error"}                 # a rule's name, stored as its id
    assert config.extend_select == ("L013",) and config.model == "from_env"


def test_config_variable_and_errors_name_their_source(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "org.yaml").write_text("ignore: [J002]\n", encoding="utf-8")
    (tmp_path / ".langcheck.yaml").write_text("ignore: [J004]\n", encoding="utf-8")
    monkeypatch.setenv(layer.CONFIG_VARIABLE, str(elsewhere / "org.yaml"))
    s = layer.load()
    assert s.values["ignore"] == ("J002",) and s.file == (elsewhere / "org.yaml").resolve()
    assert layer.load(no_config=True).values["ignore"] == ()
    monkeypatch.setenv(layer.CONFIG_VARIABLE, str(tmp_path / "absent.yaml"))
    with pytest.raises(layer.SettingsError, match=r"absent.yaml: no such config file \(from LANGCHECK_CONFIG\)"):
        layer.load()
    monkeypatch.delenv(layer.CONFIG_VARIABLE)
    monkeypatch.setenv("LANGCHECK_IGNORE", "NOPE")
    with pytest.raises(layer.SettingsError, match=r"'NOPE' in ignore \(from environment \(LANGCHECK_IGNORE\)\)"):
        layer.load().resolve()


def test_severities_are_resolved_once_for_every_user(rules):
    assert layer.resolve_severities(rules, {"j002": "error", "lac-review": "info", "Vague": "warning"}) == \
        {"J002": "info", "vague": "warning"}
    with pytest.raises(layer.SettingsError, match="'J' in severities"):
        layer.resolve_severities(rules, {"J": "error"})


def test_service_request_severities_accept_a_rule_name(tmp_path):
    """The service resolved severities by exact id or category only: {"lac-review": "error"} was
    accepted and silently did nothing. Now the layer's resolution applies to a request too."""
    from fastapi.testclient import TestClient

    from langcheck.service.main import create_app
    from langcheck.service.settings import Settings

    with TestClient(create_app(Settings())) as client:
        body = client.post("/v1/check", json={"text": NOTE, "config": {"severities": {"lac-review": "error"}}}).json()
        assert {f["rule"]: f["severity"] for f in body["findings"]}["J002"] == "error"
        bad = client.post("/v1/check", json={"text": NOTE, "config": {"severities": {"J": "error"}}})
        assert bad.status_code == 422 and "'J' in severities" in bad.json()["message"]


def test_there_is_one_loader():
    """cli/settings.py, cli/audit.py and service/settings.py each built a Config their own way."""
    assert not (ROOT / "cli" / "settings.py").exists()
    for path in (ROOT / "cli" / "audit.py", ROOT / "service" / "settings.py", ROOT / "service" / "routes_check.py",
                 ROOT / "service" / "routes_languagetool.py"):
        source = path.read_text(encoding="utf-8")
        assert "Config(" not in source, path                      # built by langcheck.settings only
        assert ".split(\",\")" not in source, path                 # one comma splitter: split_list


def test_config_file_format_is_documented():
    doc = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    for key in layer.KEYS:
        assert f"`{key.replace('_', '-')}`" in doc or f"`{key}`" in doc, key
    for variable in (layer.CONFIG_VARIABLE, *layer.ENVIRONMENT.values()):
        assert variable in doc, variable
    assert "docs/config.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert langcheck.settings.__doc__ and "docs/config.md" in langcheck.settings.__doc__


def test_serve_takes_config_and_lexicon_and_stops_on_a_bad_one(tmp_path, monkeypatch):
    import uvicorn

    from langcheck.service.main import create_app

    (tmp_path / "ours.yaml").write_text(LOCAL_LEXICON, encoding="utf-8")
    (tmp_path / "org.yaml").write_text("ignore: [J009]\nseverities: {X001: error}\n", encoding="utf-8")
    started = {}

    def fake_run(app: str, **kw):  # what each uvicorn worker process would build
        from langcheck.service.settings import checker_config

        started["config"], started["rules"] = checker_config()

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(main, ["serve", "--config", "org.yaml", "--lexicon", "ours.yaml"])
    assert result.exit_code == 0, result.output
    config, rules = started["config"], started["rules"]
    assert config.ignore == ("J009",) and config.severities == {"X001": "error"} and "X001" in {r.id for r in rules}
    assert create_app  # the app is built from the same checker_config()
    (tmp_path / "bad.yaml").write_text("ignore: [NOPE]\n", encoding="utf-8")
    monkeypatch.delenv(layer.CONFIG_VARIABLE)
    bad = CliRunner().invoke(main, ["serve", "--config", "bad.yaml"])
    assert bad.exit_code == 1 and "'NOPE' in ignore" in bad.output and "bad.yaml" in bad.output
