"""The exporter registry: format name -> pure function (Resolution, options) -> bytes.

Built-in exporters register themselves here; third-party ones through the entry-point group
`resolution_cli.exporters` (the entry point names a `Exporter` object).

Each exporter declares its options as a frozen dataclass (`Exporter.options`): its fields, with
their types and defaults, are the options that `export(doc, "akn", indent=False)` and
`resolution convert -O indent=false` accept. `Exporter.render` checks them and builds the object
the exporter's function receives, so an exporter never sees an option it did not declare.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, get_type_hints

from resolution_cli.errors import UsageError
from resolution_cli.model import Resolution

ENTRY_POINT_GROUP = "resolution_cli.exporters"


@dataclass(frozen=True, slots=True)
class NoOptions:
    """The options of an exporter that has none."""


@dataclass(frozen=True, slots=True)
class OptionSpec:
    """One option an exporter declares: its name, type (bool, int or str), default and help."""

    name: str
    kind: type
    default: object
    help: str


@dataclass(frozen=True, slots=True)
class Exporter:
    name: str  # what -t takes
    suffix: str  # file suffix for --out-dir, with the dot
    media_type: str
    description: str
    export: Callable[[Resolution, Any], bytes]  # receives an instance of `options`
    aliases: tuple[str, ...] = ()
    options: type = NoOptions  # a frozen dataclass; its fields are the exporter's options

    def option_specs(self) -> tuple[OptionSpec, ...]:
        return _option_specs(self.options)

    def make_options(self, values: Mapping[str, object]) -> Any:
        """The exporter's options object from `values` (typed values, or strings from the command
        line); an unknown name or a value of the wrong type is a `UsageError` that lists the choices."""
        specs = {spec.name: spec for spec in self.option_specs()}
        chosen: dict[str, object] = {}
        for name, value in values.items():
            spec = specs.get(name)
            if spec is None:
                known = ", ".join(specs) or "none"
                raise UsageError(f"format '{self.name}' has no option '{name}' (its options: {known})")
            chosen[name] = option_value(spec, value, self.name)
        return self.options(**chosen)

    def render(self, resolution: Resolution, **options: object) -> bytes:
        """`resolution` in this format, with the options given (the others at their defaults)."""
        return self.export(resolution, self.make_options(options))


@cache
def _option_specs(options: type) -> tuple[OptionSpec, ...]:
    """The options a frozen dataclass declares; found once per class: `get_type_hints` compiles
    each annotation's text anew, and `render` asks at every export (3% of a text's AKN; issue 12)."""
    hints = get_type_hints(options)
    fields = dataclasses.fields(options)
    return tuple(OptionSpec(f.name, hints[f.name], f.default, str(f.metadata.get("help", ""))) for f in fields)


_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


def option_value(spec: OptionSpec, value: object, format_name: str) -> object:
    """`value` as the option's type; a string from the command line is converted."""
    if isinstance(value, spec.kind) and not (spec.kind is int and isinstance(value, bool)):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if spec.kind is bool and text in _TRUE + _FALSE:
            return text in _TRUE
        if spec.kind is int and text.lstrip("-").isdigit() and len(text) < 10:
            return int(text)
    wanted = {bool: "true or false", int: "a whole number", str: "text"}.get(spec.kind, spec.kind.__name__)
    raise UsageError(f"option '{spec.name}' of format '{format_name}' takes {wanted}, not {value!r}")


# Where each built-in format lives, by its name and its aliases: `get` imports only the module of
# the format asked for, and looks for plug-ins only when the name is no built-in's (importing all
# four exporters and importlib.metadata, and scanning the installed distributions for entry points,
# cost about 40 ms of a `resolution convert -t akn`'s start-up; issue 12). A test holds this table
# to the modules' own EXPORTER records (tests/test_plugins.py).
_BUILTIN_NAMES = {"json": "json", "akn": "akn", "xml": "akn", "md": "markdown", "markdown": "markdown", "html": "html"}
_BUILTIN_MODULES = tuple(dict.fromkeys(_BUILTIN_NAMES.values()))


def _builtin() -> list[Exporter]:
    return [e for e in map(_builtin_module, _BUILTIN_MODULES) if e is not None]


@cache
def _builtin_module(module_name: str) -> Exporter | None:
    """The EXPORTER of `resolution_cli.exporters.<module_name>`; None if that module is not installed."""
    from importlib import import_module

    try:
        module = import_module(f"resolution_cli.exporters.{module_name}")
    except ModuleNotFoundError as missing:
        if missing.name != f"resolution_cli.exporters.{module_name}":
            raise
        return None
    exporter: Exporter = module.EXPORTER
    return exporter


def _plugins() -> list[Exporter]:
    from importlib import metadata  # here, not at the top: see _BUILTIN_NAMES

    return [ep.load() for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)]


@cache
def registry() -> dict[str, Exporter]:
    """Every exporter by name and alias; built-ins win over plug-ins of the same name. Found once
    per process: scanning the installed distributions for entry points costs milliseconds."""
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
    """The exporter of the format `name` (or alias) names; a built-in wins over a plug-in."""
    module_name = _BUILTIN_NAMES.get(name)
    exporter = _builtin_module(module_name) if module_name is not None else None
    if exporter is not None:
        return exporter
    table = registry()
    if name not in table:
        known = ", ".join(sorted(e.name for e in exporters()))
        raise UsageError(f"unknown format '{name}': choose one of {known}")
    return table[name]
