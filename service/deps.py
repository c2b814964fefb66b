"""Dependencies shared by the routers: the engine, the token check, the base config."""
from __future__ import annotations

import base64
import hmac

from fastapi import Depends, Header, Request

from langcheck import Config

from .engine import Engine
from .errors import ServiceError
from .settings import Settings, get_settings


def get_engine(request: Request) -> Engine:
    """The loaded checker (a dependency: tests may swap in a slow or failing one)."""
    return request.app.state.engine


def token_ok(settings: Settings, presented: str | None) -> bool:
    token = settings.token()
    if token is None:
        return True
    return presented is not None and hmac.compare_digest(presented.encode("utf-8", "surrogatepass"), token.encode())


def get_base_config(request: Request) -> Config:
    """The organisation's defaults for the checker, from the settings layer at start-up."""
    return request.app.state.base_config


def bearer(authorization: str | None) -> str | None:
    scheme, _, credentials = (authorization or "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else None


def basic_password(authorization: str | None) -> str | None:
    """The password of HTTP Basic credentials: how a client that can only put `user:token@` in
    the server's URL (language_tool_python's remote_server) sends the token."""
    scheme, _, credentials = (authorization or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return decoded.partition(":")[2] or None


def unauthorized() -> ServiceError:
    return ServiceError(401, "unauthorized", "Send the API token as 'Authorization: Bearer <token>'.",
                        headers={"WWW-Authenticate": "Bearer"})


def require_token(settings: Settings = Depends(get_settings),
                  authorization: str | None = Header(None, include_in_schema=False)) -> None:
    """Every endpoint but the health checks and the static page needs the token, when one is set."""
    if not token_ok(settings, bearer(authorization)):
        raise unauthorized()
