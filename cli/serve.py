"""`langcheck serve`: the HTTP service under uvicorn. Thin: it checks the bind address against
the token and hands over to uvicorn; the app itself lives in langcheck.service."""
from __future__ import annotations

import logging
import os
import signal
import sys

import click


def is_loopback(host: str) -> bool:
    from langcheck.service.middleware import is_loopback as loopback

    return loopback(host)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes; each loads the model once.")
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="File whose first line is the API token (or set LANGCHECK_API_TOKEN).")
@click.option("--allow-public-without-token", is_flag=True, default=False,
              help="Bind a non-loopback address with no token. Anyone who can reach it can send notes.")
@click.option("--limit-concurrency", default=256, show_default=True, type=click.IntRange(2, 100_000),
              help="Connections kept open per worker (the longest-silent one is closed to make room) and "
                   "requests in progress (503 beyond it).")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Use this config file (or set LANGCHECK_CONFIG) instead of searching for .langcheck.yaml or "
                   "pyproject.toml upward from the current folder, as `langcheck check` does.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="An extra lexicon YAML file with your own terms; repeat for more. Added to the config file's.")
def serve_command(host: str, port: int, workers: int, token_file: str | None, allow_public_without_token: bool,
                  limit_concurrency: int, log_level: str, config_path: str | None,
                  lexicons: tuple[str, ...]) -> None:
    """Run the HTTP service: POST /v1/check, the LanguageTool API at /v2, and a page at /.

    The checker's settings come from the config file found upward from the current folder (or
    --config), as for `langcheck check`.

    \b
    Examples:
      langcheck serve                                   http://127.0.0.1:8080/
      langcheck serve --config /etc/langcheck/langcheck.yaml --lexicon our-terms.yaml
      LANGCHECK_API_TOKEN=... langcheck serve --host 0.0.0.0 --workers 2
    """
    import uvicorn

    from langcheck import settings as layer
    from langcheck.service.settings import Settings

    if token_file:
        os.environ["LANGCHECK_API_TOKEN_FILE"] = os.path.abspath(token_file)  # read by every worker
    # The checker's settings reach every worker process through the environment, and are
    # checked here first, so a bad config file or lexicon stops the start with its reason.
    if config_path:
        os.environ[layer.CONFIG_VARIABLE] = os.path.abspath(config_path)
    if lexicons:
        variable = layer.ENVIRONMENT["lexicons"]
        os.environ[variable] = os.pathsep.join([*filter(None, os.environ.get(variable, "").split(os.pathsep)),
                                                *(os.path.abspath(p) for p in lexicons)])
    try:
        checker_config, _ = layer.load().resolve()
    except layer.SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        settings = Settings()
        token = settings.token()
    except (RuntimeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if not token and not is_loopback(host) and not allow_public_without_token:
        raise click.UsageError(
            f"refusing to bind {host} without an API token: case notes are personal data. Set "
            "LANGCHECK_API_TOKEN or --token-file, bind 127.0.0.1, or pass --allow-public-without-token.")
    if not token and not is_loopback(host):
        click.echo(f"langcheck: warning: {host}:{port} is reachable without a token", err=True)
        os.environ["LANGCHECK_ALLOW_PUBLIC_WITHOUT_TOKEN"] = "true"  # the app's own guard, in every worker
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s",
                        stream=sys.stderr)
    # uvicorn's access log prints query strings; ours (langcheck.service) prints route templates only.
    # On loopback, say where this service listens, so that `langcheck FILE` can use it (cli/warm.py).
    from . import warm

    record = warm.advertise(host, port, _model_name(checker_config.model), token_file) if is_loopback(host) else None
    # uvicorn stops gracefully on SIGTERM and then raises the signal again for its previous
    # handler: exit through `finally` (status 143), so that the record is removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    # GuardedH11Protocol adds a header timeout and a connection cap (service/server.py); keep-alive
    # connections idle for 5 s are closed; h11 refuses a request head over 16 KiB.
    # The accept backlog matches the cap, so a burst of connections is accepted (and the silent
    # ones closed) in batches the open-file limit can hold; the soft limit is raised to the hard one.
    _raise_open_files_limit()
    try:
        uvicorn.run("langcheck.service.main:app", host=host, port=port, workers=workers, access_log=False,
                    log_level=log_level, server_header=False, proxy_headers=False,
                    http="langcheck.service.server:GuardedH11Protocol", limit_concurrency=limit_concurrency,
                    backlog=min(limit_concurrency, 2048), timeout_keep_alive=5)
    finally:
        warm.withdraw(record)


def _model_name(model: str | None) -> str | None:
    from langcheck.model import ModelError, resolve_model

    try:
        return resolve_model(model)
    except ModelError:
        return None


def _raise_open_files_limit() -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard == resource.RLIM_INFINITY or hard > soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))
    except (ImportError, ValueError, OSError):
        pass
