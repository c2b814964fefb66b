"""The wheel installs the CLI and the service under the langcheck namespace and ships the
lexicons and the web page inside the package."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_layout(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("langcheck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("langcheck/__init__.py", "langcheck/audit/__init__.py", "langcheck/cli/main.py", "langcheck/service/__init__.py",
                     "langcheck/lexicons/jargon.yaml", "langcheck/lexicons/context.yaml",
                     "langcheck/service/static/index.html"):
        assert expected in names, expected
    top_level = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top_level == {"langcheck"}, top_level
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "langcheck = langcheck.cli.main:main" in text
    assert "[spacy_factories]" in text and "langcheck_lexicon_matcher" in text


def test_python_dash_m_langcheck_works() -> None:
    out = subprocess.run([sys.executable, "-m", "langcheck", "--version"], capture_output=True, text=True, check=True)
    assert "langcheck" in out.stdout
