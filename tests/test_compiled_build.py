"""The compiled build (setup.py, `make compiled`): what pyproject.toml lists can be compiled by mypyc,
and where the tests run on that build (`make test-compiled`), it is what they run."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import tomllib
from pathlib import Path

import pytest

import resolution_cli
from tests.conftest import ROOT

LISTED = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["resolution-cli"]["compiled"]


def _module_name(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


COMPILED = {_module_name(path) for path in LISTED}


def _package_modules() -> list[str]:
    """Every module of the package but `__main__` (which runs the program when imported)."""
    found = pkgutil.walk_packages(resolution_cli.__path__, "resolution_cli.")
    return [m.name for m in found if not m.name.endswith(".__main__")]


def test_the_list_names_modules_of_the_package_once_each() -> None:
    assert len(LISTED) == len(COMPILED) >= 10
    assert COMPILED.issubset(_package_modules())
    assert all((ROOT / path).is_file() for path in LISTED)


def test_no_class_outside_the_list_inherits_from_a_class_inside_it() -> None:
    """mypyc's rule ("interpreted classes cannot inherit from compiled"): the build would import,
    then fail where such a class is defined. Enums and exceptions stay Python classes in mypyc."""
    for name in sorted(set(_package_modules()) - COMPILED):
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != name:
                continue
            compiled_bases = [base for base in cls.__mro__[1:] if base.__module__ in COMPILED]
            native = [base for base in compiled_bases if not issubclass(base, BaseException)]
            assert not native, f"{name}.{cls.__name__} inherits from compiled {native[0].__qualname__}"


@pytest.mark.skipif(os.environ.get("RESOLUTION_CLI_EXPECT_COMPILED") != "1", reason="only on the compiled build")
def test_on_the_compiled_build_every_listed_module_is_compiled() -> None:
    for name in sorted(COMPILED):
        path = Path(importlib.import_module(name).__file__ or "")
        assert path.suffix == ".so", f"{name} is imported from {path}, not compiled"
