"""atheris harness for langcheck.check(): any text, no exception, offsets that index it.

    .venv/bin/python fuzz/fuzz_check.py fuzz/corpus/check -max_total_time=180
    .venv/bin/python fuzz/fuzz_check.py fuzz/corpus/check -max_total_time=3600 -jobs=2   # longer

Bytes are decoded as UTF-8 with surrogateescape (so lone surrogates reach check(), as they do
from a file read that way), or, when the first byte is odd, as UTF-16 code units taken one by
one, which gives arbitrary code points including lone surrogates.
"""
from __future__ import annotations

import contextlib
import sys

try:
    import atheris
except ImportError:  # tests/test_fuzz_corpus.py runs TestOneInput on the seed corpus without it
    atheris = None

with atheris.instrument_imports(include=["langcheck"]) if atheris else contextlib.nullcontext():
    import langcheck
    from langcheck.fixes import apply_fixes


def decode(data: bytes) -> str:
    if data and data[0] & 1:
        units = data[1:]
        return "".join(chr(int.from_bytes(units[i:i + 2], "little")) for i in range(0, len(units) - 1, 2))
    return data[1:].decode("utf-8", "surrogateescape")


def TestOneInput(data: bytes) -> None:
    text = decode(data)
    report = langcheck.check(text)
    for f in report.findings:
        if f.start is None:
            continue
        if not (0 <= f.start < f.end <= len(text)) or text[f.start:f.end] != f.text:
            raise AssertionError(f"finding {f.rule} at {f.start}:{f.end} does not index the text")
    fixed = apply_fixes(text, report.findings)
    if apply_fixes(fixed, report.findings) != fixed:
        raise AssertionError("apply_fixes is not idempotent")


def main() -> None:
    langcheck.check("warm up")  # load the model before fuzzing starts
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
