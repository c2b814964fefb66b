"""The warm path (cli/warm.py): `langcheck FILE` checked by a `langcheck serve` already running
for this user gives the same bytes as a cold run, and never sends a note anywhere else."""
from __future__ import annotations

import json
import logging
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from langcheck.cli import warm
from langcheck.cli.main import main
from serving import clean_env, serving

ROOT = Path(__file__).resolve().parent.parent
VISIT = ROOT / "examples" / "home-visit.txt"
TOKEN = "warm-path-test-token"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """`langcheck serve` with a token file, recording itself in a private runtime folder."""
    base = tmp_path_factory.mktemp("warm")
    token_file = base / "token"
    token_file.write_text(TOKEN + "\n")
    env = clean_env(XDG_RUNTIME_DIR=str(base / "runtime"))
    with serving(["--token-file", str(token_file), "--log-level", "warning"], base / "serve.log", env=env) as (proc, port):
        yield {"port": port, "env": env, "record": base / "runtime" / "langcheck" / f"service-{port}.json",
               "base": base, "proc": proc}


class Run:
    def __init__(self, stdout: str, returncode: int, said: str):
        self.stdout, self.returncode, self.stderr = stdout, returncode, said


@pytest.fixture
def cli(caplog):
    """The CLI in this process (the model loads once for the module), with `env` as its whole
    environment's LANGCHECK_*/XDG_* part; what the warm path said is in .stderr."""
    def invoke(env: dict, *args: str) -> Run:
        caplog.clear()
        overrides = {k: None for k in os.environ if k.startswith(("LANGCHECK_", "XDG_"))}
        overrides.update({k: v for k, v in env.items() if k.startswith(("LANGCHECK_", "XDG_"))})
        with caplog.at_level(logging.INFO, logger="langcheck"):
            result = CliRunner().invoke(main, list(args), env=overrides, catch_exceptions=False)
        return Run(result.stdout, result.exit_code, caplog.text)
    return invoke


def cold(cli, env: dict, *args: str) -> Run:
    return cli({**env, "LANGCHECK_SERVER": "off"}, *args)


def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "visit.txt").write_text(VISIT.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "short.txt").write_text("The LAC review is on Tuesday. Mum was aggressive.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_the_service_records_where_it_listens_privately(service) -> None:
    record_path = service["record"]
    assert stat.S_IMODE(record_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(record_path.parent.stat().st_mode) == 0o700
    record = json.loads(record_path.read_text())
    assert record["url"] == f"http://127.0.0.1:{service['port']}"
    assert record["install"] == warm.install_fingerprint()  # this very installation
    assert record["token_file"] and TOKEN not in record_path.read_text()


@pytest.mark.parametrize("options", [["--format", "json"], ["--format", "text", "--explain"],
                                     ["--format", "sarif", "--select", "jargon,critical_label", "--ignore", "J005"],
                                     ["--format", "json", "--min-severity", "warning"]],
                         ids=["json", "text", "sarif-select", "min-severity"])
def test_warm_gives_the_bytes_of_a_cold_run(service, cli, tmp_path, options) -> None:
    folder = notes(tmp_path)
    warm_run, cold_run = cli(service["env"], *options, str(folder)), cold(cli, service["env"], *options, str(folder))
    assert "checked by the service" in warm_run.stderr
    assert (warm_run.stdout, warm_run.returncode) == (cold_run.stdout, cold_run.returncode)


def test_a_config_files_severities_and_reading_grade_reach_the_service(service, cli, tmp_path, monkeypatch) -> None:
    folder = notes(tmp_path)
    (tmp_path / ".langcheck.yaml").write_text("severities: {J002: error, vague: info}\nmax_reading_grade: 4\n")
    monkeypatch.chdir(tmp_path)
    warm_run, cold_run = cli(service["env"], "--format", "json", str(folder)), cold(cli, service["env"], "--format",
                                                                                    "json", str(folder))
    assert "checked by the service" in warm_run.stderr
    assert warm_run.stdout == cold_run.stdout
    assert '"severity": "error"' in warm_run.stdout


def test_the_verbose_flag_says_which_path_checked(service) -> None:
    run = subprocess.run([sys.executable, "-m", "langcheck", "--verbose", str(VISIT)], env=service["env"],
                         capture_output=True, text=True)
    assert "langcheck: warm path: 1 note checked by the service" in run.stderr and run.returncode == 1


def test_extra_lexicons_are_checked_in_the_clis_own_process(service, cli, tmp_path) -> None:
    lexicon = tmp_path / "ours.yaml"
    lexicon.write_text(Path(ROOT / "tests" / "test_cli.py").read_text().split('LOCAL_LEXICON = """\\\n')[1]
                       .split('"""')[0])
    run = cli(service["env"], "--lexicon", str(lexicon), str(VISIT))
    assert "checked by the service" not in run.stderr and run.returncode == 1


def test_a_configured_service_needs_the_users_token(service, cli) -> None:
    url = f"http://127.0.0.1:{service['port']}"
    without = cli({**service["env"], "LANGCHECK_SERVER": url}, "--format", "json", str(VISIT))
    assert "answered 401" in without.stderr and "checked by the service" not in without.stderr
    assert without.stdout == cold(cli, service["env"], "--format", "json", str(VISIT)).stdout
    with_token = cli({**service["env"], "LANGCHECK_SERVER": url, "LANGCHECK_API_TOKEN": TOKEN}, str(VISIT))
    assert "checked by the service" in with_token.stderr


def test_notes_never_go_to_an_address_off_this_machine(service, cli) -> None:
    run = cli({**service["env"], "LANGCHECK_SERVER": "http://192.0.2.1:8080"}, "--format", "json", str(VISIT))
    assert "only an http:// address on this machine" in run.stderr
    assert run.stdout == cold(cli, service["env"], "--format", "json", str(VISIT)).stdout


def test_a_record_of_another_installation_or_a_dead_service_is_not_used(service, cli, tmp_path) -> None:
    runtime = tmp_path / "runtime" / "langcheck"
    runtime.mkdir(parents=True, mode=0o700)
    os.chmod(runtime.parent, 0o700)
    record = json.loads(service["record"].read_text())
    other = runtime / f"service-{service['port']}.json"
    other.write_text(json.dumps({**record, "install": "another"}))
    os.chmod(other, 0o600)
    dead = runtime / "service-1.json"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead.write_text(json.dumps({**record, "pid": gone.pid}))
    os.chmod(dead, 0o600)
    run = cli({**service["env"], "XDG_RUNTIME_DIR": str(tmp_path / "runtime")}, str(VISIT))
    assert "another installation" in run.stderr and "checked by the service" not in run.stderr
    assert not dead.exists()  # a record left behind by a dead service is cleared


def test_off_means_the_cold_path(service, cli) -> None:
    run = cli({**service["env"], "LANGCHECK_SERVER": "off"}, str(VISIT))
    assert "checked by the service" not in run.stderr and run.returncode == 1


def test_the_peer_check_sees_who_holds_the_other_end() -> None:
    assert warm._hex_address("127.0.0.1", 8080) == "0100007F:1F90"
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc/net/tcp")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname()) as client:
            assert warm._peer_is_this_user(client)


def test_a_record_is_written_for_loopback_only_and_withdrawn_by_its_writer(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert warm.advertise("0.0.0.0", 8080, None, None) is None
    assert warm.advertise("127.0.0.1", 0, None, None) is None  # a port chosen by the system: unknown here
    path = warm.advertise("127.0.0.1", 8080, "en_core_web_sm", None)
    assert path is not None and json.loads(path.read_text())["pid"] == os.getpid()
    path.write_text(json.dumps({"pid": os.getpid() + 1}))  # replaced by a later service on that port
    warm.withdraw(path)
    assert path.exists()
    path.write_text(json.dumps({"pid": os.getpid()}))
    warm.withdraw(path)
    assert not path.exists()


def test_the_service_removes_its_record_when_stopped(service) -> None:
    """Last in this file: it stops the module's service."""
    assert service["record"].exists()
    service["proc"].terminate()  # SIGTERM, as a service manager stops it
    service["proc"].wait(timeout=30)
    assert not service["record"].exists()
