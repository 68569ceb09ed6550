"""A learned chooser of an attribution's title among the lines around it.

Consumes the line roles, the attribution's line span, the previous article's last line and the
rules' :class:`~.titles.Placement`; produces the candidate titles (:func:`candidates`: the
rules' choice, every short line of the window above and below the attribution, and each such
line joined with the next one, as a wrapped title), each with the features of its lines
(position and distance, length, script, punctuation, book-title marks, dates, role words,
outlet names, heading numbers, the lines' roles and their neighbours', whether the rules chose
it), and the chooser (:class:`TitleModel`): a conditional logit model (one softmax over an
attribution's candidates) whose weights are stored in ``data/title_model.json`` and applied in
pure Python. ``scripts/train_title_model.py`` trains it from the corpus' gold titles and
cross-validates it by document.

Features are computed only for the attributions the extractor found, over a bounded window.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources

from .cues import CUES, Role
from .headings import is_heading_like
from .labels import strip_labels, strip_list_marks
from .layout import Roles, is_header_field
from .text import clean_title, display_length

__all__ = [
    "FEATURES",
    "Candidate",
    "TitleModel",
    "candidates",
    "load_model",
    "title_key",
]

#: how many lines above and below an attribution are candidates
WINDOW_ABOVE = 6
WINDOW_BELOW = 6
#: lines wider than this (in Chinese characters, Latin counting half) are never candidates
MAX_LINE = 60
#: a line holding a full stop is a sentence, never a candidate (no gold title has one)
_SENTENCE = re.compile("[。；]")

_ROLES = (
    Role.MASTHEAD,
    Role.SECTION,
    Role.TITLE,
    Role.BYLINE,
    Role.DATELINE,
    Role.SOURCE,
    Role.BODY,
    Role.CONTENTS,
    Role.DOCNUMBER,
    Role.FURNITURE,
)
#: roles whose lines are never an article's title (the bulletin's masthead, its sections, a
#: byline, page furniture)
_NEVER = frozenset((Role.MASTHEAD, Role.SECTION, Role.BYLINE, Role.FURNITURE))
_RULE_POSITIONS = ("head", "tail", "same-line", "below", "block")
_LENGTHS = (4, 8, 15, 25, 40, 60)

#: the feature names, in the order of a candidate's vector
FEATURES: tuple[str, ...] = (
    "none",
    "none&rule-none",
    "rule",
    *(f"rule&{p}" for p in _RULE_POSITIONS),
    "below",
    "log-distance",
    "rank",
    "nearest-above",
    "nearest-below",
    "same-block",
    "block-start",
    "first-after-boundary",
    "two-lines",
    *(f"len<={n}" for n in _LENGTHS),
    "len-long",
    "cjk",
    "latin",
    "digits",
    "ascii",
    "end-stop",
    "end-ask",
    "end-colon",
    "end-comma",
    "end-bracket",
    "inner-stop",
    "commas",
    "book-marks",
    "whole-book",
    "quotes",
    "date",
    "role-word",
    "outlet",
    *(f"role:{r.value}" for r in _ROLES),
    "titlelike",
    "heading-like",
    "numbered",
    "list-mark",
    "blank-before",
    "blank-after",
    "indent",
    "next-body",
    "next-long",
    "prev-title",
    "subtitle",
    "bracket-open",
    "url",
    "nearest-titlelike-above",
    "second-line-titlelike",
    "three-lines",
    "rule-lines",
    "in-rule-span",
    "sub-title-mark",
    "after-bar",
    "before-dash",
    "before-bar",
    "part-of-rule",
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_DATE = re.compile(r"(?:19|20)\d\d\s*[-年./]|\d{1,2}\s*月\s*\d{1,2}\s*日")
_ROLE_WORD = re.compile(
    r"记者|記者|作者|编辑|編輯|责编|責編|通讯员|通訊員|摄影|攝影|撰稿|编译|編譯|来源|來源|稿源|"
    r"^\s*(?:By|BY)\s|[Rr]eporter|文\s*[/／]|[/／]\s*文"
)
_OUTLET = re.compile(rf"^[\u4e00-\u9fff·]{{1,12}}(?:{CUES.outlet_end})$")
_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[）)]|"
    r"\d{1,2}\s*[、．]|第[一二三四五六七八九十\d]+(?:章|节|部分|篇))"
)
_LIST_MARK = re.compile(r"^\s*(?:\d{1,3}\s*[.．]\s|[·•●○■◆▲▪*]|【[一二三四五六七八九十\d]{1,4}】)")
_URL = re.compile(r"https?://|www\.")
# a column, a writer or a site set apart from a headline by a bar (专家视点 | 标题, 标题|网站)
_BAR = re.compile(r"\s*[|｜丨│]\s*")
#: the features a candidate's own text gives (recomputed for a part of a line)
_TEXT_KEYS = frozenset(
    (
        *(f"len<={n}" for n in _LENGTHS),
        "len-long",
        "cjk",
        "latin",
        "digits",
        "ascii",
        "end-stop",
        "end-ask",
        "end-colon",
        "end-comma",
        "end-bracket",
        "inner-stop",
        "commas",
        "book-marks",
        "whole-book",
        "quotes",
        "date",
        "role-word",
        "outlet",
        "numbered",
        "list-mark",
        "subtitle",
        "bracket-open",
        "url",
    )
)


def _parts(title: str) -> list[tuple[str, str]]:
    """Parts of a candidate that may be the title alone: what follows a bar (a column's or a
    writer's name before it), what precedes a dash (a journal's name or a subtitle after it)."""
    out: list[tuple[str, str]] = []
    pieces = _BAR.split(title)
    if len(pieces) >= 2 and display_length(pieces[-1]) >= 4:
        out.append(("after-bar", pieces[-1]))
    if len(pieces) >= 2 and display_length(pieces[0]) >= 4:
        out.append(("before-bar", pieces[0]))
    dash = title.find("——")
    if dash >= 4:
        out.append(("before-dash", title[:dash]))
    return out


def same_title(key: str, gold: str) -> bool:
    """A candidate's key names the gold title: equal, or the title after its authors or
    column and a bar or colon (李松林,杨爽|标题: the extractor cuts the names off)."""
    if not key or not gold:
        return key == gold
    if key == gold:
        return True
    return key.endswith(gold) and key[: -len(gold)][-1:] in ("|", ":", "丨", "│")


def title_key(text: str | None) -> str:
    """The form two titles are compared in: cleaned as a record's title is, then without
    width, spaces and case."""
    if not text:
        return ""
    import unicodedata

    cleaned = strip_labels(strip_list_marks(clean_title(text))) or ""
    return "".join(unicodedata.normalize("NFKC", cleaned).split()).casefold()


@dataclass(frozen=True, slots=True)
class Candidate:
    """One title an attribution may have: lines ``first``-``last`` (0, 0 for no title)."""

    first: int
    last: int
    title: str | None
    #: the features that are not zero: (index in FEATURES, value), in index order
    features: tuple[tuple[int, float], ...]
    rule: bool

    def dense(self) -> list[float]:
        """All features, zeros included (for training)."""
        out = [0.0] * len(FEATURES)
        for i, value in self.features:
            out[i] = value
        return out


def _vector(active: dict[str, float]) -> tuple[tuple[int, float], ...]:
    return tuple(sorted((_INDEX[name], value) for name, value in active.items() if value))


def _ratio(pattern: re.Pattern[str], text: str) -> float:
    return len(pattern.findall(text)) / len(text) if text else 0.0


@functools.lru_cache(maxsize=4096)
def _text_features(text: str) -> tuple[tuple[str, float], ...]:
    """What a candidate title's own text says (cached: windows of neighbouring attributions
    overlap)."""
    return tuple(_read_text(text).items())


def _read_text(text: str) -> dict[str, float]:
    f: dict[str, float] = {}
    n = display_length(text)
    for bound in _LENGTHS:
        if n <= bound:
            f[f"len<={bound}"] = 1.0
            break
    else:
        f["len-long"] = 1.0
    f["cjk"] = _ratio(_CJK, text)
    f["latin"] = _ratio(_LATIN, text)
    f["digits"] = _ratio(_DIGIT, text)
    if text.isascii():
        f["ascii"] = 1.0
    end = text.rstrip("”’」』\"' ")[-1:]
    if end in ("。", "；", ";") or (end == "." and not text.endswith("..")):
        f["end-stop"] = 1.0
    elif end in ("！", "？", "!", "?"):
        f["end-ask"] = 1.0
    elif end in ("：", ":"):
        f["end-colon"] = 1.0
    elif end in ("，", ",", "、"):
        f["end-comma"] = 1.0
    elif end in ("）", ")", "】", "]"):
        f["end-bracket"] = 1.0
    if "。" in text[:-1]:
        f["inner-stop"] = 1.0
    commas = text.count("，") + text.count(",")
    if commas:
        f["commas"] = min(commas, 3) / 3
    if "《" in text:
        f["book-marks"] = 1.0
        if text.startswith("《") and text.endswith("》"):
            f["whole-book"] = 1.0
    if any(q in text for q in '“”"「'):
        f["quotes"] = 1.0
    if _DATE.search(text):
        f["date"] = 1.0
    if _ROLE_WORD.search(text):
        f["role-word"] = 1.0
    if _OUTLET.match(text):
        f["outlet"] = 1.0
    if _NUMBERED.match(text):
        f["numbered"] = 1.0
    if _LIST_MARK.match(text):
        f["list-mark"] = 1.0
    if text.startswith("——"):
        f["subtitle"] = 1.0
    if text.startswith(("（", "(", "[", "【")) and not _LIST_MARK.match(text):
        f["bracket-open"] = 1.0
    if _URL.search(text):
        f["url"] = 1.0
    return f


def candidates(
    roles: Roles,
    original: Roles,
    start: int,
    end: int,
    boundary: int,
    rule: tuple[int, int, str | None, str],
    join: Callable[[list[str]], str],
    is_time_line: Callable[[str], bool],
) -> list[Candidate]:
    """The titles an attribution on lines ``start``-``end`` may have, with their features.

    :param rule: the rules' choice: first and last line, title and how it was found
    :param join: how lines of one title are joined (:func:`.titles._join`)
    :param is_time_line: the test for a line holding only a day and a time
    """
    count = roles.lines.count
    r_first, r_last, r_title, r_how = rule
    r_key = "".join(r_title.split()) if r_title else ""

    def blank(k: int) -> bool:
        return k < 1 or k > count or not original.text(k)

    lines: list[int] = []
    top = max(boundary + 1, start - WINDOW_ABOVE, 1)
    lines += [k for k in range(top, start) if not blank(k)]
    lines += [k for k in range(end + 1, min(count, end + WINDOW_BELOW) + 1) if not blank(k)]

    def could_be(k: int) -> bool:
        """Cheap tests first: a short line, no sentence, no attribution, no day or field
        line; then a line the roles read as a title or as text (a headline set as text)."""
        t = original.text(k)
        if display_length(t) > MAX_LINE or _SENTENCE.search(t) or k in roles.cue_lines:
            return False
        f = roles.text(k)
        if is_header_field(f) or is_time_line(f):
            return False
        if k in roles.mastheads or roles.role(k) in _NEVER:
            return False
        return roles.is_titlelike(k) or roles.role(k) == Role.BODY

    wide = {k for k in lines if not could_be(k)}
    above = [k for k in lines if k < start and k not in wide]
    below_lines = [k for k in lines if k > end and k not in wide]
    rank_above = {k: i for i, k in enumerate(reversed(above))}
    rank_below = {k: i for i, k in enumerate(below_lines)}
    # (the previous article's end is within the window, or it is not looked for)
    first_after = next((k for k in lines if k > boundary), None) if top == boundary + 1 else None
    titlelike_above = next((k for k in reversed(above) if roles.is_titlelike(k)), None)

    spans: list[tuple[int, int]] = []
    near = rank_above.keys() | rank_below.keys()
    for k in above + below_lines:
        spans.append((k, k))
        if k + 1 in near:
            spans.append((k, k + 1))
            if k + 2 in near:
                spans.append((k, k + 2))  # a wrapped title with a deck
    out: list[Candidate] = []
    seen: dict[str, int] = {}

    def add(first: int, last: int, title: str | None, is_rule: bool) -> None:
        key = "".join(title.split()) if title else ""
        if not key:
            return
        if key in seen:
            if is_rule:
                i = seen[key]
                old = out[i]
                out[i] = Candidate(
                    old.first,
                    old.last,
                    old.title,
                    _with_rule(old.features, r_how, r_last - r_first + 1),
                    True,
                )
            return
        f = _span_features(first, last, title or "")
        base = {k: v for k, v in f.items() if k not in _TEXT_KEYS}
        if is_rule:
            f.update(_rule_features(r_how, r_last - r_first + 1))
        seen[key] = len(out)
        out.append(Candidate(first, last, title, _vector(f), is_rule))
        for how, part in _parts(title or ""):
            part_key = "".join(part.split())
            if part_key in seen:
                continue
            g = {**base, **dict(_text_features(part)), how: 1.0}
            if how == "before-bar":
                g["after-bar"] = g["before-dash"] = 0.0
                g["sub-title-mark"] = 0.0
            if is_rule:
                g["part-of-rule"] = 1.0
            seen[part_key] = len(out)
            out.append(Candidate(first, last, part, _vector(g), False))

    def _span_features(first: int, last: int, title: str) -> dict[str, float]:
        f = dict(_text_features(title))
        k = first
        text = roles.text(k)
        is_below = k > end
        if is_below:
            f["below"] = 1.0
            dist = k - end
            rank = rank_below.get(k, len(rank_below))
        else:
            dist = start - last
            rank = rank_above.get(last, len(rank_above))
        f["log-distance"] = math.log1p(max(dist, 0)) / 3
        f["rank"] = min(rank, 10) / 10
        if rank == 0:
            f["nearest-below" if is_below else "nearest-above"] = 1.0
        between = range(last + 1, start) if not is_below else range(end + 1, first)
        if all(not blank(j) for j in between):
            f["same-block"] = 1.0
        if blank(first - 1) or first - 1 <= boundary:
            f["block-start"] = 1.0
        if first == first_after:
            f["first-after-boundary"] = 1.0
        if last > first + 1:
            f["three-lines"] = 1.0
        if last > first:
            f["two-lines"] = 1.0
            if roles.is_titlelike(last):
                f["second-line-titlelike"] = 1.0
        role = roles.role(k)
        if role in _ROLES:
            f[f"role:{role.value}"] = 1.0
        if roles.is_titlelike(k):
            f["titlelike"] = 1.0
        if is_heading_like(text):
            f["heading-like"] = 1.0
        if blank(first - 1):
            f["blank-before"] = 1.0
        if blank(last + 1):
            f["blank-after"] = 1.0
        raw = original.lines.line(k) if 1 <= k <= count else ""
        if raw[:1] in (" ", "\t", "\u3000"):
            f["indent"] = 1.0
        nxt = last + 1
        if not blank(nxt) and roles.role(nxt) == Role.BODY:
            f["next-body"] = 1.0
        if display_length(original.text(nxt)) > 40:
            f["next-long"] = 1.0
        if not blank(first - 1) and roles.role(first - 1) == Role.TITLE:
            f["prev-title"] = 1.0
        if k == titlelike_above:
            f["nearest-titlelike-above"] = 1.0
        if r_first and r_first <= first and last <= r_last and (first, last) != (r_first, r_last):
            f["in-rule-span"] = 1.0
        if any(s in title for s in ("——", "|", "｜", "丨", "│")):
            f["sub-title-mark"] = 1.0
        return f

    if r_key and r_first:
        add(r_first, r_last, r_title, True)
    for first, last in spans:
        texts = [original.text(j) for j in range(first, last + 1)]
        add(first, last, join(texts), False)
    none = {"none": 1.0}
    if not r_key:
        none["none&rule-none"] = 1.0
    out.append(Candidate(0, 0, None, _vector(none), False))
    return out


def _rule_features(how: str, lines: int) -> dict[str, float]:
    f = {"rule": 1.0, "rule-lines": min(lines - 1, 3) / 3}
    if how in _RULE_POSITIONS:
        f[f"rule&{how}"] = 1.0
    return f


def _with_rule(
    features: tuple[tuple[int, float], ...], how: str, lines: int
) -> tuple[tuple[int, float], ...]:
    out = dict(features)
    for name, value in _rule_features(how, lines).items():
        out[_INDEX[name]] = value
    return tuple(sorted(out.items()))


@dataclass(frozen=True, slots=True)
class TitleModel:
    """Weights of the conditional logit model, one per feature (same order as FEATURES)."""

    weights: tuple[float, ...]
    #: below this probability the chosen title is reported as uncertain
    unsure_below: float
    #: the model overrides the rules' choice only by this much probability or more
    override_margin: float
    #: the rules' placements the model weighs (others are kept as the rules found them)
    applies_to: tuple[str, ...] = ("tail", "same-line")

    def weighs(self, how: str, distance: int) -> bool:
        """Whether the model weighs a placement of the rules: one it applies to, with the
        rules' title inside the window (a title far above a long article's source is the
        only heading there; the window holds its closing lines)."""
        return how in self.applies_to and (how != "tail" or distance <= WINDOW_ABOVE + 2)

    def scores(self, cands: Sequence[Candidate]) -> list[float]:
        """Each candidate's probability of being the title (they sum to 1)."""
        w = self.weights
        logits = [sum(w[i] * v for i, v in c.features) for c in cands]
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        total = sum(exps)
        return [e / total for e in exps]

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "weights": [round(x, 6) for x in self.weights],
            "unsure_below": self.unsure_below,
            "override_margin": self.override_margin,
            "applies_to": list(self.applies_to),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> TitleModel:
        names = data.get("features")
        weights = data.get("weights")
        if names != list(FEATURES) or not isinstance(weights, list):
            raise ValueError("title model weights do not match the features of this citekit")
        return cls(
            tuple(float(x) for x in weights),
            float(data.get("unsure_below", 0.5)),  # type: ignore[arg-type]
            float(data.get("override_margin", 0.0)),  # type: ignore[arg-type]
            tuple(str(x) for x in data.get("applies_to", ())),  # type: ignore[attr-defined]
        )


#: the file holding the shipped weights (in citekit/data)
MODEL_FILE = "title_model.json"


@functools.cache
def load_model() -> TitleModel | None:
    """The shipped model (None when no weights are shipped)."""
    path = resources.files("citekit") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    return TitleModel.from_json(json.loads(path.read_text(encoding="utf-8")))


#: the evidence tag of a title the model is not sure of (the record is flagged)
UNSURE = "title:unsure"

_NOT_SET = object()
_state: dict[str, object] = {"model": _NOT_SET, "recorder": None}

#: what training collects per attribution: its lines, how the rules found its title, candidates
Recorded = list[tuple[int, int, str, list[Candidate]]]


def active_model() -> TitleModel | None:
    """The model titles are weighed with: one set by :func:`use_model`, else the shipped one."""
    model = _state["model"]
    if model is _NOT_SET:
        return load_model()
    return model if isinstance(model, TitleModel) else None


def use_model(model: TitleModel | object | None = _NOT_SET) -> None:
    """Weigh titles with ``model`` (None: the rules alone; no argument: the shipped model)."""
    _state["model"] = model


def active_recorder() -> Recorded | None:
    """Where candidates are collected for training (None: not collected)."""
    rec = _state["recorder"]
    return rec if isinstance(rec, list) else None


def record_into(recorder: Recorded | None) -> None:
    """Collect every attribution's candidates into ``recorder`` (None: stop)."""
    _state["recorder"] = recorder
