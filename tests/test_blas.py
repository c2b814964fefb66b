"""The BLAS path changes speed, never annotations."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import spacy

from langcheck import blas
from langcheck.model import resolve_model

REFERENCE = (
    "Home visit to Sam (8) on 3 May. Mum appeared tired and said she had not slept. "
    "Sam showed me his room and said, \"I like my new bed.\" It was agreed that I will visit "
    "again on 17 May. The placement with his foster carers continues; contact with Dad is weekly."
)


def annotations(nlp) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in nlp(REFERENCE)]


def test_numpy_ops_give_identical_annotations_to_blis() -> None:
    with_blis = spacy.load(resolve_model(), exclude=["ner"])
    with_numpy = spacy.load(resolve_model(), exclude=["ner"])
    blas.use_numpy_ops(with_numpy)
    assert annotations(with_numpy) == annotations(with_blis)


def test_choice_can_be_forced(monkeypatch) -> None:
    monkeypatch.setenv("LANGCHECK_BLAS", "blis")
    assert blas.choose() == "blis"
    assert blas.choose("numpy") == "numpy"


def test_gflops_is_measured() -> None:
    import numpy
    assert blas.gflops(numpy.matmul, n=64, reps=2) > 0


# -- the choice is made once per machine and kept -----------------------------------------------

def test_the_choice_is_measured_once_per_machine_and_kept(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LANGCHECK_BLAS", raising=False)
    calls = []
    monkeypatch.setattr(blas, "measure", lambda: calls.append(1) or {"choice": "numpy", "blis_gflops": 40.0,
                                                                     "numpy_gflops": 200.0, "measured": "now"})
    assert blas.choose() == "numpy"
    assert blas.choose() == "numpy"
    assert len(calls) == 1
    kept = json.loads(blas.cache_file(blas.machine_key()).read_text())
    assert kept["choice"] == "numpy" and kept["key"] == blas.machine_key()
    # Other package versions (or another CPU) are another key: measured again.
    key = blas.machine_key()
    monkeypatch.setattr(blas, "machine_key", lambda: {**key, "blis": "0.0.0"})
    assert blas.choose() == "numpy"
    assert len(calls) == 2


@pytest.mark.parametrize("content", ["not json", '{"format": 1, "key": {}, "choice": "numpy"}',
                                     '{"format": 1, "choice": "fast"}', "[]"])
def test_a_damaged_or_foreign_cache_file_is_measured_again(tmp_path, monkeypatch, content: str) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LANGCHECK_BLAS", raising=False)
    path = blas.cache_file(blas.machine_key())
    path.parent.mkdir(parents=True)
    path.write_text(content)
    monkeypatch.setattr(blas, "measure", lambda: {"choice": "blis", "blis_gflops": 100.0, "numpy_gflops": 100.0,
                                                  "measured": "now"})
    assert blas.choose() == "blis"
    assert json.loads(path.read_text())["choice"] == "blis"


def test_a_cache_folder_that_cannot_be_written_still_gives_a_choice(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    monkeypatch.delenv("LANGCHECK_BLAS", raising=False)
    monkeypatch.setattr(blas, "measure", lambda: {"choice": "numpy", "blis_gflops": 40.0, "numpy_gflops": 200.0,
                                                  "measured": "now"})
    assert blas.choose() == "numpy"


def test_the_measurement_prefers_blis_unless_numpy_is_clearly_faster() -> None:
    decision = blas.measure(rounds=2)
    assert decision["blis_gflops"] > 0 and decision["numpy_gflops"] > 0
    clearly = decision["numpy_gflops"] >= blas.NUMPY_MARGIN * decision["blis_gflops"]
    assert decision["choice"] == ("numpy" if clearly else "blis")


def test_the_key_is_the_cpu_and_the_packages_never_any_text() -> None:
    key = blas.machine_key()
    assert set(key) == {"cpu", "machine", "blis", "numpy", "thinc", "env"}
    assert blas.cache_file(key).name.startswith("blas-")


def test_no_word_on_the_terminal_unless_asked(tmp_path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("The LAC review is on Tuesday.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("LANGCHECK_BLAS", "LANGCHECK_SERVER")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), LANGCHECK_SERVER="off")
    for _ in range(2):  # the first run measures and keeps the choice, the second reads it
        run = subprocess.run([sys.executable, "-m", "langcheck", str(note)], capture_output=True, text=True, env=env)
        assert run.returncode == 1 and run.stderr == ""
    verbose = subprocess.run([sys.executable, "-m", "langcheck", "--verbose", str(note)], capture_output=True,
                             text=True, env=env)
    assert "matrix multiply:" in verbose.stderr
