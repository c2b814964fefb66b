"""The FastAPI app: wiring only. Routers live in routes_*.py, settings in settings.py.

    uvicorn langcheck.service.main:app      (or: langcheck serve)
"""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

import langcheck
from langcheck import Config, RuleSet

from . import errors, routes_check, routes_languagetool, routes_ops, routes_web
from .engine import Engine
from .metrics import Metrics
from .middleware import ServiceMiddleware
from .settings import Settings, checker_config, load_settings

log = logging.getLogger("langcheck.service")

DESCRIPTION = """Checks children's social-care case notes before they are saved.

**Integration contract:** call `POST /v1/check` with a hard deadline of about 2 s. If langcheck is
slow, down, or answers 5xx (including 503 "not checked"), **save the note anyway**. `decision` is
`pass` (save), `warn` (show the findings, let the writer save) or `block` (ask the writer to revise;
only for rules the organisation chose). No note text is ever logged."""


def create_app(settings: Settings | None = None, engine: Engine | None = None,
               checker: tuple[Config, RuleSet] | None = None) -> FastAPI:
    """The app. `checker` is the base Config and its rules; by default the settings layer's
    (config file, LANGCHECK_* variables), so a bad config file fails at start-up."""
    settings = settings or load_settings()
    settings.token()  # an unreadable token file fails at start-up, not on the first request
    base, rules = checker or checker_config()
    engine = engine or Engine(base.model, settings.check_processes, settings.max_working_days,
                              lexicons=tuple(str(p) for p in base.lexicons))
    refuse_remote = settings.token() is None and not settings.allow_public_without_token

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        owned = not engine.ready  # an engine handed in already loaded is its owner's to close
        if owned:
            await asyncio.get_running_loop().run_in_executor(None, engine.load)
        app.state.metrics.model_ready = 1
        yield
        if owned:
            engine.close()

    # No /docs or /redoc: FastAPI's pages load their script from a CDN, on this service's own
    # origin. The schema itself is at /openapi.json for any OpenAPI viewer.
    app = FastAPI(title="langcheck", version=langcheck.__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.base_config = base
    app.state.rules = rules
    app.state.engine = engine
    app.state.metrics = Metrics()
    errors.install(app)
    for module in (routes_web, routes_check, routes_languagetool, routes_ops):
        app.include_router(module.router)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
                           expose_headers=["X-Request-ID"], max_age=600)
    # UTF-8 takes up to 4 bytes a character and JSON escapes up to 12 (a surrogate pair): room
    # for any note under the limit, but not for an unbounded body.
    # Outermost: the exposure guard, the body limits and the arrival time come before CORS,
    # routing and any parsing.
    app.add_middleware(ServiceMiddleware, metrics=app.state.metrics, max_body_bytes=settings.max_chars * 12 + 65536,
                       body_seconds=settings.timeout_seconds, refuse_remote=refuse_remote)
    if refuse_remote:
        log.info("no API token: requests from other machines are refused (403); set LANGCHECK_API_TOKEN")
    return app


def __getattr__(name: str):
    # `app` is built on first use, so importing this module reads no settings.
    if name == "app":
        globals()["app"] = application = create_app()
        return application
    raise AttributeError(name)
