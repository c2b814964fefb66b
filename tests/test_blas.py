"""The BLAS path changes speed, never annotations."""
from __future__ import annotations

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
