"""The atheris harnesses' TestOneInput on their seed corpus (fuzz/corpus/), so CI exercises
them without atheris; the fuzzing itself is run by hand (docs/reliability.md)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"


def harness(name: str):
    spec = importlib.util.spec_from_file_location(name, FUZZ / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name,corpus", [("fuzz_check", "check"), ("fuzz_lexicon", "lexicon")])
def test_harness_accepts_its_seed_corpus(name: str, corpus: str) -> None:
    module = harness(name)
    seeds = sorted((FUZZ / "corpus" / corpus).iterdir())
    assert len(seeds) >= 5
    for seed in seeds:
        module.TestOneInput(seed.read_bytes())


def test_lexicon_harness_regressions() -> None:
    """Inputs the fuzzer found that raised something other than LexiconError."""
    module = harness("fuzz_lexicon")
    for raw in (b"category: jargon\nrules: [{id: 6204-92-03}]\n",  # ValueError from PyYAML's date
                b"1: a\nfoo: b\nrules: [x]\n",  # TypeError sorting keys of mixed types
                b"category: jargon\nrules:\n - {1: a, foo: b}\n"):
        module.TestOneInput(raw)
