"""The config file, found upward from the working directory, merged with command-line flags.

`.langcheck.yaml` (or `.langcheck.yml`), or a `[tool.langcheck]` table in `pyproject.toml`;
the first folder that has either wins. Command-line flags override the file. Every value
remembers where it came from, for `langcheck config`.

    # .langcheck.yaml
    select: [jargon, critical_label]     # rule ids, names, categories or id prefixes
    ignore: [J055]
    severities: {J002: error, vague: info}
    lexicons: [lexicons/our-terms.yaml]  # relative to this file
    model: en_core_web_sm
    fail_on: warning                     # info | warning | error | never
    min_severity: info
    max_reading_grade: 9
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from langcheck import Config, Severity, safeyaml

CONFIG_NAMES = (".langcheck.yaml", ".langcheck.yml")
FAIL_ON = ("info", "warning", "error", "never")
KEYS = ("select", "ignore", "severities", "lexicons", "model", "fail_on", "min_severity", "max_reading_grade")
DEFAULTS: dict[str, Any] = {
    "select": (), "ignore": (), "severities": {}, "lexicons": (), "model": None,
    "fail_on": "warning", "min_severity": "info", "max_reading_grade": 9.0,
}


class SettingsError(Exception):
    """A config file or flag that cannot be used; the message names the file and the key."""


@dataclass
class Settings:
    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    origins: dict[str, str] = field(default_factory=lambda: {k: "default" for k in DEFAULTS})
    file: Path | None = None

    def set(self, key: str, value: Any, origin: str) -> None:
        self.values[key] = value
        self.origins[key] = origin

    def to_config(self) -> Config:
        try:
            return Config(
                model=self.values["model"], select=tuple(self.values["select"]), ignore=tuple(self.values["ignore"]),
                min_severity=self.values["min_severity"], severities=dict(self.values["severities"]),
                lexicons=tuple(self.values["lexicons"]), max_reading_grade=float(self.values["max_reading_grade"]),
            )
        except ValueError as exc:
            raise SettingsError(str(exc)) from None

    @property
    def fail_on(self) -> Severity | None:
        value = self.values["fail_on"]
        return None if value == "never" else Severity.parse(value)


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


def load_settings(config_path: str | None = None, no_config: bool = False) -> Settings:
    settings = Settings()
    if no_config:
        return settings
    if config_path:
        path = Path(config_path)
        if not path.is_file():
            raise SettingsError(f"{config_path}: no such config file")
        raw = (_read_pyproject(path) or {}) if path.name == "pyproject.toml" else _read_yaml(path)
        found: tuple[Path, dict[str, Any]] | None = (path, raw)
    else:
        found = find_config_file()
    if found is None:
        return settings
    path, raw = found
    settings.file = path.resolve()
    apply_file(settings, raw, path)
    return settings


def apply_file(settings: Settings, raw: dict[str, Any], path: Path) -> None:
    where = str(path)
    raw = {str(k).replace("-", "_"): v for k, v in raw.items()}  # fail-on and fail_on alike
    unknown = set(raw) - set(KEYS)
    if unknown:
        key = sorted(unknown)[0]
        raise SettingsError(f"{where}: key {key!r}: unknown setting; expected one of {', '.join(KEYS)}")
    for key, value in raw.items():
        if key in ("select", "ignore"):
            value = _selectors(value, where, key)
        elif key == "lexicons":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
                raise SettingsError(f"{where}: key 'lexicons': must be a list of file paths")
            # Relative to the config file, so the setting means the same from any subfolder.
            value = tuple(str((path.parent / v).resolve()) if not Path(v).is_absolute() else v for v in items)
        elif key == "severities":
            if not isinstance(value, dict):
                raise SettingsError(f"{where}: key 'severities': must map rule ids or categories to a severity")
            try:
                value = {str(k): Severity.parse(v).value for k, v in value.items()}
            except ValueError as exc:
                raise SettingsError(f"{where}: key 'severities': {exc}") from None
        elif key == "fail_on":
            if str(value).lower() not in FAIL_ON:
                raise SettingsError(f"{where}: key 'fail_on': must be one of {', '.join(FAIL_ON)}")
            value = str(value).lower()
        elif key == "min_severity":
            try:
                value = Severity.parse(value).value
            except ValueError as exc:
                raise SettingsError(f"{where}: key 'min_severity': {exc}") from None
        elif key == "model":
            if value is not None and not isinstance(value, str):
                raise SettingsError(f"{where}: key 'model': must be the name of a spaCy model")
        elif key == "max_reading_grade":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise SettingsError(f"{where}: key 'max_reading_grade': must be a number")
        settings.set(key, value, where)


def split_selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select J001,J002 --select vague` -> ("J001", "J002", "vague")."""
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


def _selectors(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{where}: key {key!r}: must be a list of rule ids, names, categories or prefixes")
    return tuple(v.strip() for v in value if v.strip())


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
