"""tools/lead_vocabulary.py: the lead-phrase vocabulary rebuilt from the UN's markup, here over the
AKN files in tests/data (the full corpus builds the committed files: `--check` says whether
they are current)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from resolution_cli.model import Role
from resolution_cli.parse import vocabulary
from resolution_cli.readers.akn import read_akn
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import lead_vocabulary  # noqa: E402  (a script, not a package)

DATA = ROOT / "tests" / "data" / "akn"


def _phrases(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_vocabulary_from_markup_and_the_seed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "test").mkdir(parents=True)
    shutil.copytree(DATA, corpus / "test" / "akn")
    built = lead_vocabulary.build(corpus, [lead_vocabulary.SEED])
    preambular, operative = _phrases(built[Role.PREAMBULAR]), _phrases(built[Role.OPERATIVE])
    assert preambular == sorted(set(preambular)) and operative == sorted(set(operative))
    assert {"Recalling", "Referring", "Referring also", "Referring further"} <= set(preambular)  # markup; seed
    assert {"Decides", "Requests"} <= set(operative)
    assert all(p[:1].isupper() for p in preambular + operative)
    english = [p for p in DATA.glob("*.xml") if read_akn(p.read_bytes()).meta.language == "en"]
    assert len(english) == len(list(DATA.glob("*.xml"))) - 1  # S_RES_2789_2025_ZH is left out
    assert f"of {len(english)} English documents" in built[Role.PREAMBULAR]
    assert lead_vocabulary.build(corpus, [lead_vocabulary.SEED]) == built  # same input, same bytes
    # The committed vocabulary was built from the whole corpus, these files among it.
    assert set(preambular) <= set(vocabulary.lead_phrases("preambular"))
    assert set(operative) <= set(vocabulary.lead_phrases("operative"))


def test_a_folder_without_markup_is_a_usage_error(tmp_path: Path, capsys: object) -> None:
    try:
        lead_vocabulary.main([str(tmp_path), "--check"])
    except SystemExit as stop:
        assert stop.code == 2
    else:
        raise AssertionError("expected a usage error")
