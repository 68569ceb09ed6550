"""Train the title chooser (extract/linemodel.py) on the corpus, cross-validated by document.

Runs the extractor with the rules alone over every annotated document (tests/corpus/docs),
collecting each found attribution's candidate titles and their features; a candidate is right
when it equals the gold title (both cleaned as a record's title is, then NFKC, no spaces, case
folded), "no title" when the gold title is null. The model is a conditional logit (a softmax over
one attribution's candidates, L2-regularised), fitted by full-batch gradient descent from zero
weights, so the result is the same on every run.

Cross-validation by document: for each fold (``fold:`` in the gold files) the model is trained on
the other four folds and the extractor, weighing titles with it, is scored end to end on the
held-out fold (title = right title / all gold references, as scripts/eval_documents.py counts
it), next to the rules alone on the same documents. Prints the table per fold and per layout.
Then trains on every document and writes citekit/data/title_model.json (unless --no-write).

    python scripts/train_title_model.py [--corpus DIR] [--no-write] [--out PATH] [--no-cv]

Needs numpy (``pip install citekit[train]``); the extractor applies the weights in pure Python.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from citekit.extract import extract_file, linemodel
from citekit.extract.bylines import looks_like_person
from citekit.extract.linemodel import FEATURES, Candidate, TitleModel, same_title, title_key
from citekit.store import load_mapping_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "docs"
OUT = ROOT / "citekit" / "data" / linemodel.MODEL_FILE

#: L2 penalty per feature weight, per training attribution
L2 = 0.01
STEPS = 400
RATE = 0.1
#: the model overrides the rules only by this much probability (kept in the weights file)
OVERRIDE_MARGIN = 0.0
#: the rules' placements the model may change: a tail title (a nearer heading, a wrapped one)
#: and a title on the attribution's line; a head title is kept (the model does no better on
#: it), and so is "none" (scan.py reads a missing title as "no article here")
APPLIES_TO = ("tail", "same-line")
#: a title kept with less probability than this is flagged on its record (held out, below 0.4
#: the kept title was right about half the time; above 0.8, 97%)
UNSURE_BELOW = 0.4


def _eval_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "eval_documents", ROOT / "scripts" / "eval_documents.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_documents"] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


@dataclass
class Group:
    """One found attribution: its candidates and the index of the right one (None: absent)."""

    doc: str
    fold: int
    layout: str
    how: str
    #: lines from the rules' title to the attribution
    distance: int
    candidates: list[Candidate]
    #: the right candidates (none: the gold title is not among them)
    labels: tuple[int, ...]

    @property
    def label(self) -> int | None:
        return self.labels[0] if self.labels else None


def collect(corpus: Path) -> list[Group]:
    """Every found attribution of every annotated document, with its labelled candidates."""
    groups: list[Group] = []
    linemodel.use_model(None)
    for txt in sorted(corpus.glob("*.txt")):
        gold_path = txt.with_name(txt.stem + ".gold.yaml")
        if not gold_path.exists():
            continue
        meta = load_mapping_file(gold_path)
        entries = list(meta.get("references") or [])
        recorded: linemodel.Recorded = []
        linemodel.record_into(recorded)
        try:
            extract_file(str(txt))
        finally:
            linemodel.record_into(None)
        for start, end, how, cands in recorded:
            rule = next((c for c in cands if c.rule), None)
            distance = start - rule.last if rule is not None else 0
            gold = [e for e in entries if start <= int(e["line"]) <= end]
            if len(gold) != 1:
                continue  # not a gold attribution (or two in one span): no label
            want = title_key(gold[0].get("title"))
            labels = tuple(i for i, c in enumerate(cands) if right(c.title, want))
            groups.append(
                Group(
                    txt.stem,
                    int(meta.get("fold") or 0),
                    str(meta.get("layout")),
                    how,
                    distance,
                    cands,
                    labels,
                )
            )
    linemodel.use_model()
    return groups


def right(title: str | None, want: str) -> bool:
    """A candidate gives the gold title: the same, or the title after a byline of persons
    and a bar or colon (李松林,杨爽 | 标题: the extractor takes the names as the authors)."""
    key = title_key(title)
    if key == want:
        return True
    if not (title and want and same_title(key, want)):
        return False
    head = re.split(r"\s*[|｜丨│:：]\s*", title)[0]
    names = [t for t in re.split(r"[\s,，、]+", head.removesuffix("等")) if t]
    return bool(names) and all(looks_like_person(t) for t in names)


def train(groups: Sequence[Group]) -> tuple[float, ...]:
    """Conditional logit weights fitted on the labelled ``groups`` (deterministic)."""
    usable = [g for g in groups if g.label is not None]
    x = np.array([c.dense() for g in usable for c in g.candidates], dtype=np.float64)
    sizes = np.array([len(g.candidates) for g in usable])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group_of = np.repeat(np.arange(len(usable)), sizes)
    positive = np.zeros(len(x))
    for off, g in zip(offsets, usable, strict=True):
        positive[[off + i for i in g.labels]] = 1.0
    w = np.zeros(len(FEATURES))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    n = len(usable)
    for step in range(1, STEPS + 1):
        logits = x @ w
        top = np.maximum.reduceat(logits, offsets)
        e = np.exp(logits - top[group_of])
        p = e / np.add.reduceat(e, offsets)[group_of]
        # -log of the probability of the right candidates (a title may be right whole or cut)
        q = p * positive
        q = q / np.add.reduceat(q, offsets)[group_of]
        grad = ((p - q) @ x) / n + 2 * L2 * w
        # Adam steps: every feature moves at its own pace
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        m_hat = m / (1 - 0.9**step)
        v_hat = v / (1 - 0.999**step)
        w = w - RATE * m_hat / (np.sqrt(v_hat) + 1e-8)
    return tuple(round(float(a), 6) for a in w)


def model_of(weights: tuple[float, ...]) -> TitleModel:
    return TitleModel(weights, UNSURE_BELOW, OVERRIDE_MARGIN, APPLIES_TO)


def choice_accuracy(groups: Sequence[Group], model: TitleModel | None) -> tuple[int, int]:
    """Attributions whose kept candidate is the right one (the rules' when model is None)."""
    right = 0
    for g in groups:
        cands = g.candidates
        kept = next((i for i, c in enumerate(cands) if c.rule), len(cands) - 1)
        chosen = kept
        if model is not None and model.weighs(g.how, g.distance):
            probs = model.scores(cands)
            best = max(range(len(cands)), key=probs.__getitem__)
            if probs[best] - probs[kept] >= model.override_margin:
                chosen = best
        right += int(chosen in g.labels)
    return right, len(groups)


def _titles(results: Sequence[Any], key: str, ev: Any) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for name, tally in ev.group(results, key).items():
        out[name] = (tally.right.get("title", 0), tally.gold)
    return out


def cross_validate(corpus: Path, groups: Sequence[Group]) -> str:
    """Per fold and per layout: title accuracy end to end, rules alone vs rules + model."""
    ev = _eval_module()
    folds = sorted({g.fold for g in groups})
    rules_results: list[Any] = []
    model_results: list[Any] = []
    lines = ["| fold | refs | rules: title | model: title | choices right (rules → model) |"]
    lines.append("|---|---|---|---|---|")
    for f in folds:
        train_on = [g for g in groups if g.fold != f]
        held = [g for g in groups if g.fold == f]
        model = model_of(train(train_on))
        linemodel.use_model(None)
        rules = ev.evaluate(corpus, fold=f)
        linemodel.use_model(model)
        learned = ev.evaluate(corpus, fold=f)
        linemodel.use_model()
        rules_results += rules
        model_results += learned
        r = _titles(rules, "fold", ev)["all"]
        m = _titles(learned, "fold", ev)["all"]
        cr, n = choice_accuracy(held, None)
        cm, _ = choice_accuracy(held, model)
        lines.append(
            f"| {f} | {r[1]} | {r[0] / r[1]:.1%} | {m[0] / m[1]:.1%} | {cr}/{n} → {cm}/{n} |"
        )
    r = _titles(rules_results, "fold", ev)["all"]
    m = _titles(model_results, "fold", ev)["all"]
    lines.append(f"| all | {r[1]} | {r[0] / r[1]:.1%} | {m[0] / m[1]:.1%} | |")
    lines += [
        "",
        "| layout (held-out folds) | refs | rules: title | model: title |",
        "|---|---|---|---|",
    ]
    by_rules = _titles(rules_results, "layout", ev)
    by_model = _titles(model_results, "layout", ev)
    for name, (right, total) in by_rules.items():
        mr = by_model[name][0]
        lines.append(f"| {name} | {total} | {right / total:.1%} | {mr / total:.1%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-write", action="store_true", help="print, write no weights")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = parser.parse_args(argv)
    groups = collect(args.corpus)
    labelled = sum(g.label is not None for g in groups)
    print(
        f"{len(groups)} attributions matched to gold, {labelled} with the gold title among "
        f"their candidates\n"
    )
    if not args.no_cv:
        print(cross_validate(args.corpus, groups) + "\n")
    model = model_of(train(groups))
    text = json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n"
    if not args.no_write:
        args.out.write_text(text, encoding="utf-8")
        print(f"weights written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
