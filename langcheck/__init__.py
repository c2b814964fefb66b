"""langcheck: a language checker for children's social-care case notes.

    >>> import langcheck
    >>> report = langcheck.check("The LAC review is on Tuesday.")
    >>> [f.rule for f in report.findings]
    ['J002']

One core API, `check(text, config)` and `check_many(texts, config)`, that the CLI, the
service and the audit all call.
"""
from .checker import check, check_many
from .config import Config
from .findings import Finding, Replacement, Report, Severity
from .lexicon import LexiconError, Rule, RuleSet, load_rules
from .model import ModelError

__version__ = "0.1.0"

__all__ = ["check", "check_many", "Config", "Finding", "Replacement", "Report", "Severity", "Rule", "RuleSet",
           "LexiconError", "ModelError", "load_rules", "__version__"]
