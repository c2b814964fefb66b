from __future__ import annotations

from pathlib import Path

import pytest

import langcheck

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def rules() -> langcheck.RuleSet:
    return langcheck.load_rules()
