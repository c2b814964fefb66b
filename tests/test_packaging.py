"""The wheel installs the CLI and the service under the langcheck namespace and ships the
lexicons and the web page inside the package."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

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


def test_pre_commit_snippet_names_the_release_of_this_version() -> None:
    import re
    import tomllib

    import langcheck

    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    (rev,) = re.findall(r"^#\s+rev: (\S+)$", text, re.M)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert rev == f"v{version}" == f"v{langcheck.__version__}"
    assert f"git tag -a {rev}" in (ROOT / "README.md").read_text(encoding="utf-8")   # how the release is cut


@pytest.mark.skipif(os.environ.get("LANGCHECK_RELEASE") != "1",
                    reason="release check: run with LANGCHECK_RELEASE=1 on the commit to be tagged")
def test_the_tag_the_pre_commit_snippet_names_exists() -> None:
    """pre-commit installs the hooks at `rev:`, so that tag must exist, annotated, on a commit
    whose .pre-commit-hooks.yaml names it (the lead tags the merged release)."""
    import langcheck

    tag = f"v{langcheck.__version__}"
    kind = subprocess.run(["git", "cat-file", "-t", tag], cwd=ROOT, capture_output=True, text=True)
    assert kind.stdout.strip() == "tag", f"no annotated tag {tag}: git tag -a {tag} -m 'langcheck {tag}'"
    hooks = subprocess.run(["git", "show", f"{tag}:.pre-commit-hooks.yaml"], cwd=ROOT, capture_output=True, text=True)
    assert f"rev: {tag}" in hooks.stdout
