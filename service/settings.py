"""Service settings, read from LANGCHECK_* environment variables (pydantic-settings).

These are the service's own knobs (token, limits, decisions). What to check (the config file,
LANGCHECK_CONFIG, LANGCHECK_MODEL/SELECT/EXTEND_SELECT/IGNORE/LEXICONS) comes from the one
settings layer the CLI and the audit use too, `langcheck.settings`, read once when the app is
built (`checker_config`).

Injected into routes with `Depends(get_settings)`; tests swap them through
`app.dependency_overrides[get_settings]` or build an app with `create_app(Settings(...))`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import Request
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from langcheck import Config, RuleSet, Severity

CommaList = Annotated[list[str], NoDecode]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LANGCHECK_", extra="ignore")

    # Bearer token for every endpoint but /healthz, /readyz and the static page at /.
    api_token: SecretStr | None = None
    # A file holding the token (first line), for secrets mounted as files.
    api_token_file: Path | None = None
    # Longest note accepted, in characters; longer gets 413.
    max_chars: int = Field(100_000, gt=0)
    # The service's own deadline for one check; past it the answer is 503 "not checked".
    timeout_seconds: float = Field(1.5, gt=0)
    # Check processes per server worker: each checks one note at a time and is killed and
    # replaced when a note overruns the deadline (service/engine.py).
    check_processes: int = Field(2, ge=1, le=32)
    # Origins allowed to call the API from a browser (recording systems' front ends).
    cors_origins: CommaList = []
    # Findings that block saving: rule ids, id prefixes, rule names or categories. Empty: never block.
    block_on: CommaList = []
    # A finding at or above this severity makes the decision "warn".
    warn_at: Severity = Severity.WARNING
    max_working_days: int = Field(5, ge=0)
    # With no token, requests from other machines are refused (403) unless this is set: the
    # guard lives in the app, so `uvicorn langcheck.service.main:app --host 0.0.0.0` has it too.
    allow_public_without_token: bool = False

    @field_validator("cors_origins", "block_on", mode="before")
    @classmethod
    def _split(cls, value):
        from langcheck.settings import split_list

        return list(split_list(value)) if isinstance(value, str) else value

    @field_validator("warn_at", mode="before")
    @classmethod
    def _severity(cls, value):
        return Severity.parse(value)

    def token(self) -> str | None:
        """The API token from LANGCHECK_API_TOKEN or the token file; None means no auth."""
        if self.api_token is not None and self.api_token.get_secret_value().strip():
            return self.api_token.get_secret_value().strip()
        if self.api_token_file is not None:
            try:
                lines = self.api_token_file.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise RuntimeError(f"cannot read token file {self.api_token_file}: {exc.strerror}") from None
            token = lines[0].strip() if lines else ""
            if not token:
                raise RuntimeError(f"token file {self.api_token_file} is empty")
            return token
        return None



def checker_config() -> tuple[Config, RuleSet]:
    """The organisation's defaults for the checker (a request's own config overrides them):
    the config file found upward from the working folder (or $LANGCHECK_CONFIG) and the
    LANGCHECK_* variables, through the same settings layer as `langcheck check`."""
    from langcheck import settings as layer

    return layer.load().resolve()


@lru_cache(maxsize=1)
def load_settings() -> Settings:
    return Settings()


def get_settings(request: Request) -> Settings:
    """The app's settings (a dependency: override it in tests)."""
    return request.app.state.settings
