from __future__ import annotations

import os
from pathlib import Path

import pytest

import langcheck

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# The CLI's tests check in their own process, never through a `langcheck serve` the developer
# happens to have running (cli/warm.py); tests/test_warm.py starts its own.
os.environ["LANGCHECK_SERVER"] = "off"


@pytest.fixture(scope="session")
def rules() -> langcheck.RuleSet:
    return langcheck.load_rules()
