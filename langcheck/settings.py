"""The one settings layer: defaults, the config file, the environment and command-line flags,
merged in one place into the frozen `Config` that `check()` takes.

The CLI, `langcheck audit` and `langcheck serve` all build their Config here, so the same
`.langcheck.yaml` means the same thing to each of them. Later sources win:

    defaults  <  config file  <  environment (LANGCHECK_*)  <  command-line flags

`lexicons` is the exception: each source adds its files to the earlier ones. Every value
remembers where it came from, for `langcheck config`. The file format is documented in
docs/config.md.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml

from . import safeyaml
from .config import Config
from .findings import Severity
from .lexicon import LexiconError, RuleSet
from .model import load_rules  # parsed once per process, shared with the pipeline

CONFIG_NAMES = (".langcheck.yaml", ".langcheck.yml")
FAIL_ON = ("info", "warning", "error", "never")
KEYS = ("select", "extend_select", "ignore", "severities", "lexicons", "model", "fail_on", "min_severity",
        "max_reading_grade", "baseline")
DEFAULTS: dict[str, Any] = {
    "select": (), "extend_select": (), "ignore": (), "severities": {}, "lexicons": (), "model": None,
    "fail_on": "warning", "min_severity": "info", "max_reading_grade": 9.0, "baseline": None,
}
# The config file to use instead of searching upward (how `langcheck serve --config` reaches
# its worker processes), and the settings each environment variable sets.
CONFIG_VARIABLE = "LANGCHECK_CONFIG"
ENVIRONMENT = {
    "model": "LANGCHECK_MODEL", "select": "LANGCHECK_SELECT", "extend_select": "LANGCHECK_EXTEND_SELECT",
    "ignore": "LANGCHECK_IGNORE", "lexicons": "LANGCHECK_LEXICONS",
}
SELECTOR_KEYS = ("select", "extend_select", "ignore")


class SettingsError(Exception):
    """A config file, variable or flag that cannot be used; the message names where it came from."""


@dataclass
class Settings:
    """Raw setting values and, for each, where it came from ("default", a file, a variable, a flag)."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    origins: dict[str, str] = field(default_factory=lambda: {k: "default" for k in DEFAULTS})
    file: Path | None = None

    def set(self, key: str, value: Any, origin: str) -> None:
        if key == "lexicons" and self.values["lexicons"]:
            # Each source adds its lexicons to the earlier ones.
            value = (*self.values["lexicons"], *(v for v in value if v not in self.values["lexicons"]))
            origin = f"{self.origins['lexicons']} + {origin}"
        self.values[key] = value
        self.origins[key] = origin

    @property
    def fail_on(self) -> Severity | None:
        value = self.values["fail_on"]
        return None if value == "never" else Severity.parse(value)

    @property
    def baseline(self) -> Path | None:
        return Path(self.values["baseline"]) if self.values["baseline"] else None

    def resolve(self) -> tuple[Config, RuleSet]:
        """The Config and its rules, with every lexicon file, selector and severity key checked
        against the rules (an unknown one is an error naming where it came from, never ignored)."""
        for p in self.values["lexicons"]:
            if not Path(p).is_file():
                raise SettingsError(f"{p}: no such lexicon file (from {self.origins['lexicons']})")
        try:
            rules = load_rules([Path(p) for p in self.values["lexicons"]])
        except LexiconError as exc:
            raise SettingsError(str(exc)) from None
        for key in SELECTOR_KEYS:
            unknown = rules.unknown_selectors(self.values[key])
            if unknown:
                raise SettingsError(
                    f"{', '.join(repr(u) for u in unknown)} in {key} (from {self.origins[key]}) matches no rule: "
                    "use a rule id, name, category or id prefix (see `langcheck rules --all`)")
        try:
            severities = resolve_severities(rules, self.values["severities"])
        except SettingsError as exc:
            raise SettingsError(f"{exc} (from {self.origins['severities']})") from None
        try:
            config = Config(
                model=self.values["model"], select=self.values["select"], ignore=self.values["ignore"],
                extend_select=self.values["extend_select"], min_severity=self.values["min_severity"],
                severities=severities, lexicons=self.values["lexicons"],
                max_reading_grade=float(self.values["max_reading_grade"]))
        except ValueError as exc:
            raise SettingsError(str(exc)) from None
        return config, rules


def load(config_path: str | os.PathLike | None = None, *, no_config: bool = False,
         flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None,
         cwd: Path | None = None) -> Settings:
    """Merge the defaults, the config file (`config_path`, else $LANGCHECK_CONFIG, else the
    nearest one at or above `cwd`), the environment and `flags` (values as given on a command
    line: comma-separated selectors, lexicon paths relative to `cwd`; None or empty means not
    given)."""
    environ = os.environ if environ is None else environ
    here = (cwd or Path.cwd()).resolve()
    settings = Settings()
    if not no_config:
        named = config_path or environ.get(CONFIG_VARIABLE) or None
        if named:
            path = Path(named)
            if not path.is_absolute():
                path = here / path
            if not path.is_file():
                origin = "" if config_path else f" (from {CONFIG_VARIABLE})"
                raise SettingsError(f"{named}: no such config file{origin}")
            found: tuple[Path, dict[str, Any]] | None = (path, _read_config(path))
        else:
            found = find_config_file(here)
        if found is not None:
            path, raw = found
            settings.file = path.resolve()
            raw = {str(k).replace("-", "_"): v for k, v in raw.items()}  # fail-on and fail_on alike
            unknown = sorted(set(raw) - set(KEYS))
            if unknown:
                raise SettingsError(f"{path}: key {unknown[0]!r}: unknown setting; expected one of {', '.join(KEYS)}")
            for key, value in raw.items():
                settings.set(key, parse_value(key, value, str(path), path.parent), str(path))
    for key, variable in ENVIRONMENT.items():
        value = environ.get(variable, "").strip()
        if value:
            if key == "lexicons":  # a list of paths, like PATH
                value = [v for v in value.split(os.pathsep) if v.strip()]
            settings.set(key, parse_value(key, value, f"environment variable {variable}", here),
                         f"environment ({variable})")
    for key, value in (flags or {}).items():
        if key not in KEYS:
            raise KeyError(key)
        if value is None or value == () or value == [] or value == "":
            continue
        if key in SELECTOR_KEYS:
            value = split_list(value)
        flag = {"lexicons": "--lexicon"}.get(key, "--" + key.replace("_", "-"))
        settings.set(key, parse_value(key, value, f"command line ({flag})", here), f"command line ({flag})")
    return settings


def resolve_severities(rules: RuleSet, severities: Mapping[str, Any]) -> dict[str, str]:
    """Severity overrides keyed as the core looks them up (a rule id or a category), from a rule
    id in any case, a rule's name or a category. Anything else is an error, never ignored."""
    out, unknown = {}, []
    categories = {r.category for r in rules}
    for key, value in severities.items():
        rule = rules.get(str(key))
        if str(key).lower() in categories:
            out[str(key).lower()] = Severity.parse(value).value
        elif rule is not None:
            out[rule.id] = Severity.parse(value).value
        else:
            unknown.append(str(key))
    if unknown:
        raise SettingsError(f"{', '.join(repr(u) for u in unknown)} in severities is not a rule id, rule name or "
                            "category")
    return out


def split_list(values: Any) -> tuple[str, ...]:
    """`--select J001,J002 --select vague` or "J001, J002" -> ("J001", "J002", "vague")."""
    if isinstance(values, str):
        values = (values,)
    return tuple(s.strip() for v in values for s in str(v).split(",") if s.strip())


def parse_value(key: str, value: Any, where: str, base: Path) -> Any:
    """One setting's value checked and normalised; paths are made absolute against `base`."""
    def problem(message: str) -> SettingsError:
        return SettingsError(f"{where}: key {key!r}: {message}")

    if key in SELECTOR_KEYS:
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise problem("must be a list of rule ids, names, categories or prefixes")
        return tuple(v.strip() for v in value if v.strip())
    if key == "lexicons":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in items):
            raise problem("must be a list of file paths")
        # Relative to the config file (or the working folder for flags and variables), so a
        # setting means the same from any subfolder.
        return tuple(str((base / v).resolve()) if not Path(v).is_absolute() else v for v in items)
    if key == "baseline":
        if not isinstance(value, str) or not value.strip():
            raise problem("must be a file path")
        return str((base / value).resolve()) if not Path(value).is_absolute() else value
    if key == "severities":
        if not isinstance(value, dict):
            raise problem("must map rule ids, names or categories to a severity")
        try:
            return {str(k): Severity.parse(v).value for k, v in value.items()}
        except ValueError as exc:
            raise problem(str(exc)) from None
    if key == "fail_on":
        if str(value).lower() not in FAIL_ON:
            raise problem(f"must be one of {', '.join(FAIL_ON)}")
        return str(value).lower()
    if key == "min_severity":
        try:
            return Severity.parse(value).value
        except ValueError as exc:
            raise problem(str(exc)) from None
    if key == "model":
        if value is not None and not isinstance(value, str):
            raise problem("must be the name of a spaCy model")
        return value
    if key == "max_reading_grade":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise problem("must be a number")
        return value
    raise problem("unknown setting")


def find_config_file(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file at or above `start` and its raw langcheck table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate, _read_yaml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_pyproject(pyproject)
            if table is not None:
                return pyproject, table
    return None


def _read_config(path: Path) -> dict[str, Any]:
    return (_read_pyproject(path) or {}) if path.name == "pyproject.toml" else _read_yaml(path)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = safeyaml.load(path.read_text(encoding="utf-8"))  # aliases refused
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        loc = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise SettingsError(f"{path}: not valid YAML{loc}: {getattr(exc, 'problem', None) or exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read config file: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: a config file is a mapping of settings ({', '.join(KEYS)})")
    return data


def _read_pyproject(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read: {exc}") from None
    table = data.get("tool", {}).get("langcheck")
    if table is not None and not isinstance(table, dict):
        raise SettingsError(f"{path}: [tool.langcheck] must be a table")
    return table
