"""Citing a long report: a ~300-page .docx with 2,000 [@key] markers (target: under 5 s).

Builds the report with python-docx in a temporary directory — 3,600 paragraphs of Chinese
text (301 pages when LibreOffice lays it out), the markers spread evenly, one in ten split
across runs with different formatting, one in ten with three keys and one in ten with a page
locator — over 400 synthetic records, then times ``cite_document`` (numeric style) with a
cold render cache (a private ``$CITEKIT_CACHE_DIR``), the same with the cache warm (what the
docx work itself costs), and a run on its own output (all fields, nothing new). Then the same
report in note mode (``--notes``: every citation a footnote ①② with the full entry or the short
form, gb-t-7714-2025-note, its cache cold) and a rerun of that on its own output.

    python benchmarks/bench_cite.py [--paragraphs 3600] [--markers 2000] [--records 400]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from pathlib import Path

import docx

from citekit.docx import cite_document
from citekit.model import Library, Name, PartialDate, Reference
from citekit.render import load_style

FILLER = (
    "根据本地区生态产品价值实现机制试点工作的总体安排，各有关部门围绕调查监测、价值评价、"
    "经营开发和保障机制等方面开展了大量工作，取得了阶段性成效，形成了一批可复制可推广的经验。"
)


def records(n: int) -> Library:
    """``n`` newspaper and journal records with Chinese authors and titles."""
    papers = ["丽水日报", "浙江日报", "人民日报", "光明日报", "经济日报"]
    refs = []
    for i in range(n):
        if i % 2:
            refs.append(
                Reference(
                    id=f"ref{i:04d}",
                    type="article-newspaper",
                    title=f"生态产品价值实现的第{i}个案例",
                    author=(Name(literal=f"记者{i}"),),
                    container_title=papers[i % len(papers)],
                    issued=PartialDate.of(2015 + i % 9, 1 + i % 12, 1 + i % 28),
                    page=str(1 + i % 8),
                )
            )
        else:
            refs.append(
                Reference(
                    id=f"ref{i:04d}",
                    type="article-journal",
                    title=f"生态补偿机制研究之{i}",
                    author=tuple(Name(literal=f"作者{i}{k}") for k in range(1 + i % 5)),
                    container_title="中国人口·资源与环境",
                    issued=PartialDate.of(2010 + i % 14),
                    volume=str(10 + i % 20),
                    issue=str(1 + i % 12),
                    page=f"{i % 90 + 1}-{i % 90 + 9}",
                )
            )
    return Library(refs)


def build(path: Path, paragraphs: int, markers: int, keys: list[str], seed: int = 7) -> int:
    """Write the report; return how many markers it holds."""
    rng = random.Random(seed)
    d = docx.Document()
    d.add_heading("关于生态产品价值实现机制试点工作的总结报告", 1)
    placed = 0
    for i in range(paragraphs):
        p = d.add_paragraph()
        # spread the markers evenly over the paragraphs
        want = (i * markers) // paragraphs != ((i + 1) * markers) // paragraphs
        p.add_run(FILLER[: 40 + i % 40])
        if want:
            kind = placed % 10
            if kind == 0:  # split across runs, with different formatting
                key = rng.choice(keys)
                p.add_run("[@" + key[:3])
                p.add_run(key[3:]).bold = True
                p.add_run("]")
            elif kind == 1:
                p.add_run("[@" + "; @".join(rng.sample(keys, 3)) + "]")
            elif kind == 2:
                p.add_run(f"[@{rng.choice(keys)}, p. {rng.randint(1, 300)}]")
            else:
                p.add_run(f"[@{rng.choice(keys)}]")
            placed += 1
        p.add_run(FILLER[40 + i % 40 :])
    d.add_paragraph("参考文献")
    d.add_paragraph("{{bibliography}}")
    d.save(path)
    return placed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=3600)
    parser.add_argument("--markers", type=int, default=2000)
    parser.add_argument("--records", type=int, default=400)
    args = parser.parse_args(argv)
    lib = records(args.records)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CITEKIT_CACHE_DIR"] = str(Path(tmp) / "cache")  # cold, and not the user's
        style = load_style("gb-t-7714-2025-numeric")
        report, out, again = Path(tmp) / "r.docx", Path(tmp) / "o.docx", Path(tmp) / "o2.docx"
        t0 = time.perf_counter()
        placed = build(report, args.paragraphs, args.markers, lib.keys())
        built = time.perf_counter() - t0
        size = report.stat().st_size
        t0 = time.perf_counter()
        result = cite_document(report, lib, style, out)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        cite_document(report, lib, style, Path(tmp) / "warm.docx")
        warm = time.perf_counter() - t0
        t0 = time.perf_counter()
        cite_document(out, lib, style, again)
        second = time.perf_counter() - t0
        stable = out.read_bytes() == again.read_bytes()
        notes_out, notes_again = Path(tmp) / "n.docx", Path(tmp) / "n2.docx"
        t0 = time.perf_counter()
        noted = cite_document(report, lib, None, notes_out, notes=True)
        notes_first = time.perf_counter() - t0
        t0 = time.perf_counter()
        cite_document(notes_out, lib, None, notes_again, notes=True)
        notes_second = time.perf_counter() - t0
        notes_stable = notes_out.read_bytes() == notes_again.read_bytes()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"report: {args.paragraphs} paragraphs (~{args.paragraphs // 12} pages in LibreOffice), "
        f"{placed} markers, {size / 1e6:.1f} MB; built in {built:.2f} s"
    )
    print(
        f"cite:   {first:.2f} s for {len(result.citations)} citations, "
        f"{len(result.bibliography)} entries, render cache cold  "
        f"(target < 5 s: {'ok' if first < 5 else 'MISSED'})"
    )
    print(f"warm:   {warm:.2f} s with the entries cached (the docx work)")
    print(f"again:  {second:.2f} s on its own output (fields only); identical: {stable}")
    print(
        f"notes:  {notes_first:.2f} s for {len(noted.citations)} footnotes, render cache cold "
        f"(target < 5 s: {'ok' if notes_first < 5 else 'MISSED'})"
    )
    print(f"again:  {notes_second:.2f} s on its own output; identical: {notes_stable}")
    print(f"peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
