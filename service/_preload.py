"""Imported by the check workers' fork server only (multiprocessing's forkserver preload), never
by the service itself: it loads the spaCy pipeline and runs one note through it, so that every
worker forked afterwards starts with the model loaded and warm (every check kind has run:
worker.warm_up), sharing its memory.

The model and lexicons are the service's own, from the settings layer's base Config: the
engine puts them in LANGCHECK_WORKER_PRELOAD when it starts the fork server. Any failure is left
for the workers to report: each one loads the pipeline itself when it is missing.
"""
import json
import os

try:
    from langcheck import Config
    from langcheck.service.worker import PRELOAD_VARIABLE, warm_up

    wanted = json.loads(os.environ.get(PRELOAD_VARIABLE) or "{}")
    warm_up(Config(model=wanted.get("model"), lexicons=tuple(wanted.get("lexicons") or ())),
            wanted.get("max_working_days", 5))
except Exception:  # noqa: BLE001 - reported by the workers, which load the pipeline again
    pass
