"""Imported by the check workers' fork server only (multiprocessing's forkserver preload), never
by the service itself: it loads the spaCy pipeline and runs one note through it, so that every
worker forked afterwards starts with the model loaded and warm, sharing its memory.

The model is the service's own (LANGCHECK_MODEL, read as the service's settings read it). Any
failure is left for the workers to report: each one loads the model itself when it is missing.
"""
import os

try:
    from langcheck import Config
    from langcheck.service.worker import WARM_UP_META, WARM_UP_NOTE, run_check

    run_check(WARM_UP_NOTE, Config(model=os.environ.get("LANGCHECK_MODEL") or None), WARM_UP_META, 5)
except Exception:  # noqa: BLE001 - reported by the workers, which load the model again
    pass
