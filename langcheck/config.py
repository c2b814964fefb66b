"""The one frozen configuration object the CLI, the service and the audit all build."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .findings import Severity


@dataclass(frozen=True)
class Config:
    """How to check a note.

    `select`/`extend_select`/`ignore` take rule ids ("J001"), rule names ("lac"), categories
    ("jargon") or id prefixes ("J"), with ruff's semantics (see `RuleSet.selected`): `select`
    narrows the rules on by default unless it names a rule, `extend_select` adds, `ignore`
    removes. An empty `select` means the rules enabled by default.
    """

    model: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    min_severity: Severity = Severity.INFO
    severities: Mapping[str, Severity] = field(default_factory=dict)
    lexicons: tuple[Path, ...] = ()
    # Reading-grade threshold above which the readability rule reports (info level).
    max_reading_grade: float = 9.0
    # Run the statistical model only on the sentences a check needs (see langcheck/selective.py);
    # False parses every sentence, as a plain spaCy pipeline does.
    selective: bool = True

    def __post_init__(self) -> None:
        # Accept friendly input (lists, strings) but store hashable, immutable values.
        object.__setattr__(self, "select", tuple(self.select))
        object.__setattr__(self, "ignore", tuple(self.ignore))
        object.__setattr__(self, "extend_select", tuple(self.extend_select))
        object.__setattr__(self, "min_severity", Severity.parse(self.min_severity))
        object.__setattr__(
            self, "severities", _FrozenDict({k: Severity.parse(v) for k, v in dict(self.severities).items()})
        )
        object.__setattr__(self, "lexicons", tuple(Path(p) for p in self.lexicons))

    def selected(self, rules) -> frozenset[str]:
        """The ids of `rules` (a RuleSet) that this config runs."""
        return rules.selected(self.select, self.ignore, self.extend_select)

    def pipeline_key(self) -> tuple:
        """What the loaded pipeline depends on; everything else is applied per note."""
        return (self.model, tuple(str(p.resolve()) for p in self.lexicons), self.selective)


class _FrozenDict(dict):
    """A dict that refuses changes, so a Config stays immutable and hashable."""

    def _readonly(self, *args, **kwargs):
        raise TypeError("Config.severities is read-only")

    __setitem__ = __delitem__ = update = pop = popitem = setdefault = clear = _readonly

    def __reduce__(self):
        # pickled as a plain dict and rebuilt: a Config crosses into worker processes
        return (_FrozenDict, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted((k, v.value) for k, v in self.items())))
