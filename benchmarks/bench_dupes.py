"""Benchmark ``find_duplicates``: time for 10,000 and 100,000 records, precision and recall.

The records are synthetic but seed-like: titles are phrases cut from the bulletins in seeds/
(with years and part numbers mixed in), sources are the newspapers and sites they cite. Into
them are planted

* duplicates: the same record re-spelt the way another bulletin prints it (full-width digits,
  traditional characters, 《》 around the source, an alias such as 浙江在线网, ASCII quotes,
  spaces) -- these must be found as ``duplicate``;
* look-alikes: another year in the title, （上）/（下）, one character replaced, the same title
  in another source or year -- these must never be called ``duplicate``.

With ``--stock 0.3`` (the default) 30% of the records carry a stock title verbatim (政府工作报告,
卷首语, 编者按 ... in many sources and years): blocking must stay near-linear and small in memory
(target: 10k -> 100k at most x15 time, peak RSS < 1 GB). Each size runs in its own process so
that its peak RSS is its own; the ratio of the largest to the smallest size is printed.

Run: ``python benchmarks/bench_dupes.py [--sizes 10000 100000] [--seed 1] [--stock 0.3]``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from functools import cache
from itertools import combinations
from pathlib import Path

import opencc
from rapidfuzz import fuzz, process

from citekit.aliases import load_aliases
from citekit.checks.duplicates import MIN_CONTAINED, find_duplicates
from citekit.checks.normalize_text import fold
from citekit.model import Library, PartialDate, Reference

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    "丽水日报",
    "浙江日报",
    "浙江在线",
    "新华社",
    "新华网",
    "人民日报",
    "中国新闻社",
    "杭州网",
    "宁波日报",
    "衢州传媒网",
    "今日建德",
    "中国质量报",
    "温州人·求真",
]
_S2T = opencc.OpenCC("s2t")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


@cache
def spellings(canonical: str) -> list[str]:
    """Other ways bulletins write a source: its aliases in citekit's table, or 《name》."""
    table = load_aliases(None).table
    names = sorted({alias for alias, name in table.items() if name == canonical} - {canonical})
    return names or [f"《{canonical}》"]


def phrases() -> list[str]:
    """Title-like phrases: runs of Chinese text from the seed bulletins."""
    out: set[str] = set()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for run in re.findall(r"[\u4e00-\u9fff“”]{4,16}", path.read_text(encoding="utf-8")):
            out.add(run)
    return sorted(out)


#: titles that many records keep verbatim, in many sources and years
STOCK = [
    "政府工作报告", "卷首语", "编者按", "新年贺词", "社论", "本报评论员", "编者的话", "开幕词",
    "统计公报", "答记者问", "工作报告", "大事记", "前言", "快讯", "综述", "声明",
]  # fmt: skip


def make_title(rnd: random.Random, pool: list[str]) -> str:
    kind = rnd.random()
    a, b = rnd.choice(pool), rnd.choice(pool)
    if kind < 0.2:
        return f"{rnd.randint(2010, 2024)}年{a}"
    if kind < 0.3:
        return f"{a}（{rnd.choice('一二三')}）"
    if kind < 0.7:
        return f"{a} {b}"
    return f"{a}：{b}"


def variant(rnd: random.Random, ref: Reference, key: str) -> Reference:
    """The same source as another bulletin prints it."""
    title = ref.title or ""
    container = ref.container_title or ""
    ops = rnd.sample(["full", "trad", "marks", "alias", "quotes", "space"], k=rnd.randint(1, 3))
    for op in ops:
        if op == "full":
            title = title.translate(_FULL)
        elif op == "trad":
            title = _S2T.convert(title)
        elif op == "quotes":
            title = title.replace("“", '"').replace("”", '"').replace("：", ":")
        elif op == "space":
            title = title.replace(" ", "  ") if " " in title else title[:3] + " " + title[3:]
        elif op == "marks":
            container = f"《{container}》"
        elif op == "alias":
            container = rnd.choice(spellings(ref.container_title or ""))
    return ref.replace(id=key, title=title, container_title=container)


def look_alike(rnd: random.Random, ref: Reference, key: str, containers: list[str]) -> Reference:
    """A different work that looks like ``ref``."""
    title = ref.title or ""
    issued = ref.issued
    assert issued is not None and issued.year is not None
    kind = rnd.choice(["year", "part", "char", "source", "when"])
    if kind == "year" and re.search(r"\d{4}年", title):
        title = re.sub(r"(\d{4})年", lambda m: f"{int(m[1]) + 1}年", title, count=1)
    elif kind == "part":
        title = title + rnd.choice(["（上）", "（下）", "之二"])
    elif kind == "char" or kind == "year":
        k = rnd.randrange(len(title))
        title = title[:k] + ("省" if title[k] != "省" else "市") + title[k + 1 :]
    elif kind == "source":
        other = rnd.choice([c for c in containers if c != ref.container_title])
        return ref.replace(id=key, container_title=other)
    else:
        return ref.replace(id=key, issued=PartialDate.of(issued.year + 1, issued.month, issued.day))
    return ref.replace(id=key, title=title)


Pairs = set[frozenset[str]]


def build(n: int, seed: int, stock: float = 0.0) -> tuple[list[Reference], Pairs, Pairs, Pairs]:
    """``n`` records; the planted duplicate, near-duplicate and look-alike pairs.

    ``stock``: the share of records (added on top of the others' count) that carry a stock
    title verbatim, with a random source and date (not planted: different works).
    """
    rnd = random.Random(seed)
    pool = phrases()
    containers = SOURCES
    n_stock = int(n * stock)
    n_dup, n_look, n_near = (n - n_stock) // 10, (n - n_stock) // 10, (n - n_stock) // 50
    originals: list[Reference] = []
    seen: set[str] = set()
    while len(originals) < n - n_stock - n_dup - n_look - n_near:
        title = make_title(rnd, pool)
        if title in seen:
            continue
        seen.add(title)
        originals.append(
            Reference(
                f"r{len(originals)}",
                "article-newspaper",
                title=title,
                container_title=rnd.choice(containers),
                issued=PartialDate.of(
                    rnd.randint(2015, 2024), rnd.randint(1, 12), rnd.randint(1, 28)
                ),
            )
        )
    refs = list(originals)
    dups: set[frozenset[str]] = set()
    looks: set[frozenset[str]] = set()
    for k in range(n_dup):
        orig = rnd.choice(originals)
        refs.append(variant(rnd, orig, f"d{k}"))
        dups.add(frozenset((orig.id, f"d{k}")))
    # Near duplicates: the same article with its subtitle dropped -- for a person to decide.
    near: Pairs = set()
    near_of: set[str] = set()
    k = 0
    while k < n_near:
        orig = rnd.choice(originals)
        main_title = re.split(r"[ ：]", orig.title or "")[0]
        if main_title == orig.title or len(fold(main_title)) < MIN_CONTAINED or orig.id in near_of:
            continue  # one near copy per original (two would be duplicates of each other)
        near_of.add(orig.id)
        refs.append(orig.replace(id=f"n{k}", title=main_title))
        near.add(frozenset((orig.id, f"n{k}")))
        k += 1
    made: set[tuple[str | None, str | None, PartialDate | None]] = set()
    k = 0
    while k < n_look:
        orig = rnd.choice(originals)
        other = look_alike(rnd, orig, f"l{k}", containers)
        sig = (other.title, other.container_title, other.issued)
        if sig in made:
            continue  # the same look-alike twice would be a (true) duplicate pair
        made.add(sig)
        refs.append(other)
        looks.add(frozenset((orig.id, f"l{k}")))
        k += 1
    for k in range(n_stock):
        refs.append(
            Reference(
                f"s{k}",
                "article-newspaper",
                title=rnd.choice(STOCK),
                container_title=rnd.choice(containers),
                issued=PartialDate.of(
                    rnd.randint(2000, 2024), rnd.randint(1, 12), rnd.randint(1, 28)
                ),
            )
        )
    rnd.shuffle(refs)
    # Two variants of one original are duplicates of each other too.
    by_orig: dict[str, set[str]] = {}
    for pair in dups:
        orig = min(pair, key=lambda s: s[0] != "r")
        by_orig.setdefault(orig, {orig}).update(pair)
    truth = {frozenset(p) for group in by_orig.values() for p in combinations(sorted(group), 2)}
    return refs, truth, near, looks


def all_pairs_estimate(refs: list[Reference], sample: int = 200) -> float:
    """Seconds an all-pairs comparison (rapidfuzz ratio, C loop, no blocking) would take."""
    titles = [r.title or "" for r in refs]
    start = time.perf_counter()
    for query in titles[:sample]:
        process.extract(query, titles, scorer=fuzz.ratio, score_cutoff=80, limit=None)
    return (time.perf_counter() - start) / sample * len(titles) / 2


def run_one(n: int, seed: int, stock: float, all_pairs: bool) -> dict[str, float]:
    """Build ``n`` records, find duplicates; timings, quality and this process's peak RSS."""
    t0 = time.perf_counter()
    refs, truth, near, looks = build(n, seed, stock)
    lib = Library(refs)
    t1, c1 = time.perf_counter(), time.process_time()
    groups = find_duplicates(lib)
    t2, c2 = time.perf_counter(), time.process_time()
    found = {
        frozenset(p) for g in groups if g.decision == "duplicate" for p in combinations(g.ids, 2)
    }
    loose = found | {
        frozenset(p) for g in groups if g.decision == "possible" for p in combinations(g.ids, 2)
    }
    return {
        "records": n,
        "build": t1 - t0,
        "find": t2 - t1,
        "cpu": c2 - c1,
        "all_pairs": all_pairs_estimate(refs) if all_pairs else float("nan"),
        "groups": len(groups),
        "precision": len(found & truth) / len(found) if found else 1.0,
        "recall": len(found & truth) / len(truth) if truth else 1.0,
        "near": len(loose & near) / len(near) if near else 1.0,
        "looks_dup": len(found & looks),
        "looks_possible": len(loose & looks),
        "looks": len(looks),
        # ru_maxrss is in KiB on Linux
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stock", type=float, default=0.3, help="share of stock titles")
    parser.add_argument("--all-pairs", action="store_true", help="estimate all-pairs time too")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.seed, args.stock, args.all_pairs)))
        return
    head = ["records", "build s", "find s", "find cpu", "all-pairs", "groups", "precision"]
    head += ["recall", "peak MB"]
    print(f"stock titles: {args.stock:.0%} of the records")
    print(" ".join(f"{h:>9}" for h in head), " near→possible  look-alikes called duplicate")
    rows = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--child", str(n), "--seed", str(args.seed)]
        cmd += ["--stock", str(args.stock)] + (["--all-pairs"] if args.all_pairs else [])
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        rows.append(r)
        row = [f"{n}", f"{r['build']:.2f}", f"{r['find']:.2f}", f"{r['cpu']:.2f}"]
        row += [f"~{r['all_pairs']:.0f}", f"{r['groups']}", f"{r['precision']:.4f}"]
        row += [f"{r['recall']:.4f}", f"{r['rss_mb']:.0f}"]
        print(
            " ".join(f"{c:>9}" for c in row),
            f"{r['near']:>14.4f}  {r['looks_dup']} / {r['looks']}",
            f"({r['looks_possible']} as possible)",
        )
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        print(
            f"\n{small['records']:.0f} -> {large['records']:.0f} records: "
            f"x{large['find'] / small['find']:.1f} time, x{large['cpu'] / small['cpu']:.1f} CPU "
            f"(target <= x15), peak RSS {large['rss_mb']:.0f} MB (target < 1024 MB)"
        )
    print(
        "\nfind s / find cpu: find_duplicates wall-clock / CPU seconds."
        "\nall-pairs: estimated seconds to compare every pair with rapidfuzz (--all-pairs)."
        "\nprecision/recall: planted re-spelt duplicates called 'duplicate'."
        "\nnear→possible: planted subtitle-dropped copies reported as 'possible'."
        "\npeak MB: peak resident memory of the process that built and checked the records."
    )


if __name__ == "__main__":
    main()
