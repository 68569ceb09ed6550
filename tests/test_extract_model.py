"""The learned title chooser: candidates, flagged doubts, and weights the script reproduces."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from citekit.documents import Document
from citekit.extract import extract_document, linemodel
from citekit.extract.linemodel import FEATURES, TitleModel, load_model
from citekit.model import Reference

ROOT = Path(__file__).resolve().parent.parent

BULLETIN = """\
专题信息 2026年第1期

一、行业动态

全省新建充电桩两万个
年内覆盖所有乡镇
本报讯 全省今年新建充电桩两万个，覆盖所有乡镇。记者从省能源局获悉，新建设施已全部接入省级监管平台。
（来源：浙江日报 2026年1月5日）
"""


@pytest.fixture(autouse=True)
def _shipped_model() -> Iterator[None]:
    yield
    linemodel.use_model()  # every test leaves the shipped model in place
    linemodel.record_into(None)


def _extract(text: str) -> list[Reference]:
    doc = Document(path="bulletin.txt", text=text, encoding="utf-8")
    return list(extract_document(doc).references)


def test_shipped_weights_match_the_features_of_this_code() -> None:
    model = load_model()
    assert model is not None
    assert len(model.weights) == len(FEATURES)
    assert 0 < model.unsure_below < 1


def test_candidates_hold_the_wrapped_title_joined_and_no_sentence() -> None:
    recorded: linemodel.Recorded = []
    linemodel.record_into(recorded)
    _extract(BULLETIN)
    linemodel.record_into(None)
    start, _, _, cands = recorded[-1]
    assert start == 8  # the source line closing the article
    titles = {c.title for c in cands}
    assert "全省新建充电桩两万个 年内覆盖所有乡镇" in titles  # two lines joined
    assert None in titles  # "no title" is always a choice
    assert not any(t and "。" in t for t in titles)  # running text is never a title
    assert sum(c.rule for c in cands) == 1  # the rules' choice is marked


def test_a_title_kept_with_low_probability_is_flagged_not_silent() -> None:
    doubtful = TitleModel(tuple(0.0 for _ in FEATURES), 1.01, 0.0)  # never sure
    linemodel.use_model(doubtful)
    ref = _extract(BULLETIN)[-1]
    assert any("title uncertain" in w for w in ref.warnings)
    linemodel.use_model(None)  # the rules alone: no such doubt
    ref = _extract(BULLETIN)[-1]
    assert not any("title uncertain" in w for w in ref.warnings)


def test_a_clear_model_overrides_the_rules() -> None:
    # weights that prefer the line nearest above the attribution whatever the rules chose
    weights = [0.0] * len(FEATURES)
    weights[FEATURES.index("nearest-above")] = 20.0
    linemodel.use_model(TitleModel(tuple(weights), 0.5, 0.0, ("tail", "none", "same-line")))
    recorded: linemodel.Recorded = []
    linemodel.record_into(recorded)
    refs = _extract(BULLETIN)
    nearest = [c for c in recorded[-1][3] if c.title and c.last == c.first]
    chosen = max(nearest, key=lambda c: c.first)
    assert refs[-1].title == chosen.title


def _script() -> ModuleType:
    path = ROOT / "scripts" / "train_title_model.py"
    spec = importlib.util.spec_from_file_location("train_title_model", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_title_model"] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_weights_are_what_the_training_script_makes_from_the_corpus() -> None:
    pytest.importorskip("numpy", reason="the training script needs citekit[train]")
    script = _script()
    groups = script.collect(script.CORPUS)
    assert sum(g.label is not None for g in groups) > 500  # the gold titles were found
    weights = script.train(groups)
    shipped = json.loads((ROOT / "citekit" / "data" / "title_model.json").read_text("utf-8"))
    assert shipped["features"] == list(FEATURES)
    assert weights == pytest.approx(shipped["weights"], abs=1e-4), (
        "the extractor's candidates changed: retrain with `python scripts/train_title_model.py`"
    )
