"""langcheck: a language checker for children's social-care case notes.

    >>> import langcheck
    >>> report = langcheck.check("The LAC review is on Tuesday.")
    >>> [f.rule for f in report.findings]
    ['J002']

One core API, `check(text, config)` and `check_many(texts, config)`, that the CLI, the
service and the audit all call.
"""
from .config import Config
from .findings import Finding, Replacement, Report, Severity
from .lexicon import LexiconError, Rule, RuleSet
from .model import ModelError, load_rules

__version__ = "0.1.0"


def __getattr__(name: str):
    # check and check_many come from the checker, which imports spaCy: only when first used, so
    # that the commands needing no model (--version, rules, explain, config) start in a blink.
    if name in ("check", "check_many"):
        from . import checker

        globals().update(check=checker.check, check_many=checker.check_many)
        return globals()[name]
    raise AttributeError(f"module 'langcheck' has no attribute {name!r}")


__all__ = ["check", "check_many", "Config", "Finding", "Replacement", "Report", "Severity", "Rule", "RuleSet",
           "LexiconError", "ModelError", "load_rules", "__version__"]
