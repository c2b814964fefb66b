"""The user's own folders for what langcheck keeps between runs (never any note text).

    cache_dir()    the BLAS choice for this machine (langcheck/blas.py)
    runtime_dir()  where a running `langcheck serve` says how to reach it (langcheck/cli/warm.py)

Both follow the platform's conventions (XDG on Linux, ~/Library/Caches on macOS, LOCALAPPDATA
on Windows) and are created readable by the user alone.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/langcheck (default ~/.cache/langcheck); not created here."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "langcheck"


def runtime_dir() -> Path:
    """$XDG_RUNTIME_DIR/langcheck when the session has one (a tmpfs only this user can enter),
    else a `run` folder in the cache folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and sys.platform != "win32":
        return Path(runtime) / "langcheck"
    return cache_dir() / "run"


def private_dir(path: Path, others: int = 0o022) -> Path:
    """`path`, created if need be with mode 0700, and refused (OSError) unless it belongs to this
    user and its mode has none of the bits in `others` (by default: no one else may write to
    it; 0o077 for no one else at all)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if hasattr(os, "getuid"):
        st = path.stat()
        if st.st_uid != os.getuid() or st.st_mode & others:
            raise OSError(f"{path} is not private to this user")
    return path
