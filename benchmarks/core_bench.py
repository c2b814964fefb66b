#!/usr/bin/env python3
"""Words per second through langcheck.check_many against bare nlp.pipe of the same model.

    python benchmarks/core_bench.py [--repeat 3] [--corpus DIR_OR_JSONL ...]

The corpus is every paragraph of ../shared/guidance/*.txt and every note of
../shared/eval/dev.jsonl (real, varied English with a large vocabulary), or the files given.
Prints a table and writes benchmarks/results/core_bench.json. Single process.
"""
from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path

import spacy

import langcheck
from langcheck.model import get_pipeline, resolve_model
from service_latency import time_call  # warm-up call, then the median of `repeat` runs

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def corpus(paths: list[Path]) -> list[str]:
    texts: list[str] = []
    for path in paths:
        if path.is_dir():
            for f in sorted(path.glob("*.txt")):
                texts += [p.strip() for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 20]
        elif path.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def parsed_share(texts: list[str]) -> float:
    from langcheck.model import get_runner
    runner, _ = get_runner()
    plans = [runner._plan(runner.nlp.make_doc(t))[0] for t in texts]
    total = sum(len(p) for p in plans)
    return sum(n for p in plans for _, _, n in p) / total if total else 0.0


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", type=Path, nargs="*", default=[SHARED / "guidance", SHARED / "eval" / "dev.jsonl"])
    args = ap.parse_args()
    texts = corpus(args.corpus)
    n_words = words(texts)
    model = resolve_model()
    full = spacy.load(model)
    no_ner = spacy.load(model, exclude=["ner"])
    lc_nlp, _ = get_pipeline()
    list(langcheck.check_many(texts[:5]))  # warm up caches
    rows = {
        f"bare nlp.pipe ({model}, all components)": time_call(lambda: list(full.pipe(texts)), args.repeat),
        f"bare nlp.pipe ({model}, without ner)": time_call(lambda: list(no_ner.pipe(texts)), args.repeat),
        "langcheck pipeline, every sentence parsed": time_call(lambda: list(lc_nlp.pipe(texts)), args.repeat),
        "langcheck.check_many, every sentence parsed": time_call(
            lambda: list(langcheck.check_many(texts, langcheck.Config(selective=False))), args.repeat),
        "langcheck.check_many (default: model on needed sentences)": time_call(
            lambda: list(langcheck.check_many(texts)), args.repeat),
    }
    print(f"{len(texts)} texts, {n_words:,} words, median of {args.repeat}, 1 process, {platform.processor() or platform.machine()}")
    print(f"{'what':58} {'seconds':>8} {'words/s':>9}")
    for name, secs in rows.items():
        print(f"{name:58} {secs:8.2f} {n_words / secs:9,.0f}")
    base = rows[f"bare nlp.pipe ({model}, without ner)"]
    overhead = rows["langcheck.check_many, every sentence parsed"] / base - 1
    print(f"langcheck's checks on top of the same model without ner (every sentence parsed): {overhead:+.1%}")
    share = parsed_share(texts)
    print(f"sentences the default run sends through the model: {share:.0%}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "core_bench.json").write_text(json.dumps({
        "texts": len(texts), "words": n_words, "repeat": args.repeat, "model": model,
        "seconds": rows, "words_per_second": {k: n_words / v for k, v in rows.items()},
        "overhead_vs_same_model_without_ner": overhead, "parsed_sentence_share": share,
    }, indent=2))


if __name__ == "__main__":
    main()
