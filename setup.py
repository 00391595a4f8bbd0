"""The build: pure Python, unless RESOLUTION_CLI_COMPILE=1 asks for the modules that
`[tool.resolution-cli] compiled` in pyproject.toml names to be compiled to C with mypyc (the
text -> AKN path: about a third faster, README "Performance"). Everything else about the package
is in pyproject.toml; the compiled build needs mypy and a C compiler (`make compiled`)."""

import os
import tomllib

from setuptools import setup


def compiled_modules() -> list[str]:
    with open("pyproject.toml", "rb") as file:
        return list(tomllib.load(file)["tool"]["resolution-cli"]["compiled"])


if os.environ.get("RESOLUTION_CLI_COMPILE") == "1":
    try:
        from mypyc.build import mypycify  # only here: a pure build needs no mypy
    except ImportError:
        raise SystemExit(
            "RESOLUTION_CLI_COMPILE=1 needs mypy and lxml-stubs where it builds: "
            "pip install 'setuptools>=77' mypy==2.4.1 lxml-stubs lxml, then pip install --no-build-isolation ."
        ) from None

    setup(ext_modules=mypycify(compiled_modules(), opt_level="3"))
else:
    setup()
