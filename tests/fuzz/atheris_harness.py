"""Coverage-guided fuzzing with atheris (optional: `pip install -e '.[fuzz]'`, Linux, CPython).

    python tests/fuzz/atheris_harness.py -atheris_runs=100000 corpus/   # corpus/: a folder atheris fills
    python tests/fuzz/atheris_harness.py --seed-corpus corpus/           # first: the real documents as seeds

Each input goes through `read` and every exporter, as in test_properties.py: a `ResolutionError`
is a refusal, anything else (or invalid Akoma Ntoso) a crash that atheris saves as crash-<hash>;
`resolution convert crash-<hash> -t akn` reproduces it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.fuzz.mutators import KINDS, seeds  # noqa: E402
from tests.fuzz.test_properties import holds  # noqa: E402


def test_one_input(data: bytes) -> None:
    holds(data)


def write_seed_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        for index, (_, data) in enumerate(seeds(kind)):
            (folder / f"{kind}-{index}").write_bytes(data)


def main() -> None:
    if sys.argv[1:2] == ["--seed-corpus"]:
        write_seed_corpus(Path(sys.argv[2]))
        return
    import atheris  # type: ignore[import-not-found]  # optional: the [fuzz] extra

    with atheris.instrument_imports():
        import resolution_cli.readers  # noqa: F401
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
