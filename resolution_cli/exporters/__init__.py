"""The exporter registry: format name -> pure function (Resolution, options) -> bytes.

Built-in exporters register themselves here; third-party ones through the entry-point group
`resolution_cli.exporters` (the entry point names a `Exporter` object).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata

from resolution_cli.errors import UsageError
from resolution_cli.model import Resolution

ENTRY_POINT_GROUP = "resolution_cli.exporters"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Options every exporter may read; each ignores what does not concern it."""

    indent: bool = True
    extras: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Exporter:
    name: str  # what -t takes
    suffix: str  # file suffix for --out-dir, with the dot
    media_type: str
    description: str
    export: Callable[[Resolution, ExportOptions], bytes]
    aliases: tuple[str, ...] = ()


_BUILTIN_MODULES = ("json", "akn", "markdown", "html")


def _builtin() -> list[Exporter]:
    from importlib import import_module

    found: list[Exporter] = []
    for module_name in _BUILTIN_MODULES:
        try:
            module = import_module(f"resolution_cli.exporters.{module_name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"resolution_cli.exporters.{module_name}":
                raise
            continue
        found.append(module.EXPORTER)
    return found


def _plugins() -> list[Exporter]:
    return [ep.load() for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)]


def registry() -> dict[str, Exporter]:
    """Every exporter by name and alias; built-ins win over plug-ins of the same name."""
    table: dict[str, Exporter] = {}
    for exporter in _plugins() + _builtin():
        for key in (exporter.name, *exporter.aliases):
            table[key] = exporter
    return table


def exporters() -> list[Exporter]:
    """Each registered exporter once, in name order."""
    unique = {e.name: e for e in registry().values()}
    return [unique[name] for name in sorted(unique)]


def get(name: str) -> Exporter:
    table = registry()
    if name not in table:
        known = ", ".join(sorted(e.name for e in exporters()))
        raise UsageError(f"unknown format '{name}': choose one of {known}")
    return table[name]
