"""Error answers: always JSON, always clear, never the note text and never a 500 for bad input.

FastAPI's own 422 body echoes the input (`"input": ...`), which for us is a child's case note,
so validation errors are rewritten to name the field and the problem only.
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

NOT_CHECKED = "The note was not checked. Save it anyway."


class ServiceError(Exception):
    def __init__(self, status: int, error: str, message: str, headers: dict | None = None, **extra):
        self.status, self.error, self.message, self.headers, self.extra = status, error, message, headers, extra


def error_body(error: str, message: str, **extra) -> dict:
    return {"error": error, "message": message, "checked": False, **extra}


def _where(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "form")]
    return ".".join(parts) or "body"


def install(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError):
        return JSONResponse(error_body(exc.error, exc.message, **exc.extra), status_code=exc.status,
                            headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        bad_json = next((e for e in errors if e.get("type") == "json_invalid"), None)
        if bad_json is not None:
            ctx = bad_json.get("ctx") or {}
            where = bad_json.get("loc", ("body", "?"))[-1]
            return JSONResponse(error_body(
                "malformed_json", f"The request body is not valid JSON ({ctx.get('error', 'decode error')} "
                f"at character {where}). {NOT_CHECKED}"), status_code=400)
        problems = [{"field": _where(e.get("loc", ())), "problem": e.get("msg", "invalid")} for e in errors]
        summary = "; ".join(f"{p['field']}: {p['problem']}" for p in problems[:5])
        return JSONResponse(error_body("invalid_request", f"The request is not valid: {summary}. {NOT_CHECKED}",
                                       problems=problems), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        names = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
                 413: "too_large"}
        return JSONResponse(error_body(names.get(exc.status_code, "http_error"), str(exc.detail)),
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))
    # Unexpected exceptions are answered by ServiceMiddleware, which logs no message.
