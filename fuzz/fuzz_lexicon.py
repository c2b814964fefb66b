"""atheris harness for the lexicon loader: malformed YAML raises LexiconError and nothing else.

    .venv/bin/python fuzz/fuzz_lexicon.py fuzz/corpus/lexicon -max_total_time=180
    .venv/bin/python fuzz/fuzz_lexicon.py fuzz/corpus/lexicon -max_total_time=3600 -dict=fuzz/yaml.dict

Any other exception (TypeError, AttributeError, RecursionError ...) is a bug in
langcheck/lexicon.py: a local authority editing its own terms must get a message naming the
file, the rule and the key, not a traceback.
"""
from __future__ import annotations

import contextlib
import sys

try:
    import atheris
except ImportError:  # tests/test_fuzz_corpus.py runs TestOneInput on the seed corpus without it
    atheris = None

with atheris.instrument_imports(include=["langcheck"]) if atheris else contextlib.nullcontext():
    from langcheck.lexicon import LexiconError, RuleSet, parse_lexicon


def TestOneInput(data: bytes) -> None:
    raw = data.decode("utf-8", "replace")
    try:
        RuleSet(parse_lexicon(raw, "fuzz.yaml"))
    except LexiconError as exc:
        if not str(exc).startswith("fuzz.yaml"):
            raise AssertionError(f"LexiconError without the file name: {exc}") from None


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
