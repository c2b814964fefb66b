"""Start-up: what each command loads, and that loading less changes nothing a user sees."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from langcheck import model

ROOT = Path(__file__).resolve().parent.parent
VISIT = ROOT / "examples" / "home-visit.txt"


def loaded_after(*args: str) -> set[str]:
    """The heavy packages a `langcheck ARGS` run in a fresh interpreter had imported by its end."""
    code = ("import sys\nfrom langcheck.cli.main import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('LOADED', sorted(m for m in ('spacy', 'thinc', 'textacy', 'sklearn', 'scipy') if m in sys.modules),"
            " file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env={"LANGCHECK_SERVER": "off", "PATH": "/usr/bin:/bin", "HOME": str(Path.home())})
    line = next(line for line in run.stderr.splitlines() if line.startswith("LOADED"))
    return set(eval(line.split(" ", 1)[1]))  # noqa: S307 (our own printed list)


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["rules"], ["explain", "J002"], ["config"],
                                  ["check", "--help"]], ids=" ".join)
def test_commands_that_need_no_model_do_not_import_spacy(args: list[str]) -> None:
    assert loaded_after(*args) == set()


def test_a_check_imports_spacy_but_not_textacy_scikit_learn_or_scipy() -> None:
    assert loaded_after(str(VISIT)) == {"spacy", "thinc"}


def test_a_cli_check_parses_the_lexicons_once() -> None:
    code = ("import sys\nfrom langcheck import lexicon\ncalls = []\nreal = lexicon.load_rules\n"
            "lexicon.load_rules = lambda *a, **k: calls.append(1) or real(*a, **k)\n"
            "from langcheck.cli.main import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('PARSED', len(calls), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code, str(VISIT)], capture_output=True, text=True)
    assert "PARSED 1" in run.stderr.splitlines()


def test_load_rules_is_shared_until_a_lexicon_file_changes(tmp_path) -> None:
    assert model.load_rules() is model.load_rules()
    lexicon = tmp_path / "ours.yaml"
    text = (ROOT / "tests" / "test_cli.py").read_text().split('LOCAL_LEXICON = """\\\n')[1].split('"""')[0]
    lexicon.write_text(text)
    first = model.load_rules([lexicon])
    assert model.load_rules([lexicon]) is first and first.get("X001") is not None
    lexicon.write_text(text.replace("respite-local", "respite-ours") + "\n")  # another size: another stamp
    assert model.load_rules([lexicon]).get("respite-ours") is not None


def test_the_default_models_saved_tokenizer_is_the_one_built_from_its_config() -> None:
    """langcheck does not read it from disk (a third of the load): it must be the same."""
    name = model.resolve_model()
    assert name in model.DEFAULT_TOKENIZER_MODELS
    full = spacy.load(name, exclude=["ner"])
    lean = spacy.load(name, exclude=["ner", "senter", "tokenizer"])
    assert lean.tokenizer.to_bytes() == full.tokenizer.to_bytes()
    assert lean.pipe_names == full.pipe_names  # senter ships disabled: nothing that runs is left out
    text = VISIT.read_text(encoding="utf-8") + " e.g. Mr. O'Neill can't come 3.30pm :) U.K. don't."
    assert ([(t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in lean(text)]
            == [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in full(text)])
