"""The one YAML loader for every file langcheck reads: lexicons, context.yaml, .langcheck.yaml.

PyYAML's safe loaders still resolve aliases, so a 600-byte file of nested anchors ("billion
laughs") is a small graph of shared nodes that grows to gigabytes as soon as anything walks it
(a lexicon's validation, a copy, a JSON dump). No langcheck file needs an alias, and a config
file is discovered in parent folders, so a repository can carry a hostile one: aliases (and the
`<<` merges built on them) are refused outright, before any object is constructed.
"""
from __future__ import annotations

from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it (4x faster to start), with the safe constructor.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AliasError(yaml.YAMLError):
    """The document uses an alias (`*name`): refused."""

    def __init__(self, mark=None):
        super().__init__("YAML aliases (*name) are not allowed in langcheck files")
        self.problem = "YAML aliases (*name) are not allowed in langcheck files"
        self.problem_mark = mark


class NoAliasLoader(_BASE):  # type: ignore[misc,valid-type]
    """A safe loader that refuses a document in which any node is reached twice, which is what
    an alias is once composed (libyaml hands back the anchored node object itself). The walk
    visits each distinct node once, so it is linear in the size of the file, not of the bomb."""

    def construct_document(self, node):
        _refuse_aliases(node)
        return super().construct_document(node)


def _refuse_aliases(root) -> None:
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            raise AliasError(getattr(node, "start_mark", None))
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                todo += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value


def load(text: str | bytes) -> Any:
    """`yaml.safe_load`, with aliases refused (raises AliasError, a yaml.YAMLError)."""
    return yaml.load(text, Loader=NoAliasLoader)
