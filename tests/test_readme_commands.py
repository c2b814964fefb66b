"""The README's commands work in a user's clone: nothing outside the repository, and the
accuracy command runs the shipped scorer on a shipped set."""
from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    """Every `python ...` line inside the README's code blocks."""
    found, inside = [], False
    for line in README.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif inside and line.strip().startswith("python "):
            found.append(line.strip())
    return found


def test_no_command_reaches_outside_the_clone():
    assert "../shared" not in README and "../" not in " ".join(commands())


def test_every_accuracy_command_names_files_the_repository_ships():
    scoring = [c for c in commands() if "score.py" in c]
    assert len(scoring) >= 3
    for command in scoring:
        argv = shlex.split(command)
        assert argv[1] == "eval/score.py" and (ROOT / argv[1]).is_file(), command
        assert (ROOT / argv[2]).is_file(), command                 # the shipped eval sets


def test_the_readme_accuracy_command_runs_in_a_clone():
    langcheck_cmd = shutil.which("langcheck", path=str(Path(sys.executable).parent)) or "langcheck"
    out = subprocess.run([sys.executable, "eval/score.py", "eval/heldout2.jsonl", "--cmd", langcheck_cmd, "--json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    figures = json.loads(out.stdout[: out.stdout.rindex("}") + 1])
    assert {"jargon", "critical_label", "vague", "child_voice"} <= set(figures)
    assert all(0.0 <= f["precision"] <= 1.0 and f["tp"] + f["fn"] > 0 for c, f in figures.items()
               if c in ("jargon", "critical_label", "vague"))
