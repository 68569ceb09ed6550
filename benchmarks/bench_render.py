"""Render 10,000 records: citekit vs pandoc --citeproc vs citeproc-js, same items, same style.

Prints milliseconds per item (whole-run wall time of one process, start-up included, as the
figures in ../shared/gbt7714/README.md) and ratios against pandoc, then the time citekit takes
to re-render the library after one record is edited (in the same process, and in a new process
reading the on-disk cache).

    python benchmarks/bench_render.py [--items 10000] [--style gb-t-7714-2025-numeric]
                                      [--distinct-dates]

Peers that are not installed are skipped with a line saying how to install them:
pandoc from PyPI (``pip install pypandoc-binary``), citeproc-js from npm
(``npm install --prefix benchmarks/.node citeproc``, run with node).
The items are the GB/T 7714 examples of ../shared/gbt7714 repeated with distinct ids and
titles (or synthetic newspaper records when ../shared is absent).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "gbt7714"
NODE_DIR = Path(__file__).resolve().parent / ".node"
CSL_NS = "http://purl.org/net/xbiblio/csl"


def make_items(n: int, distinct_dates: bool = False) -> list[dict[str, Any]]:
    """``n`` distinct CSL-JSON items (with ``distinct_dates``, no two share a full date
    either, as in a newspaper library; citekit's templates stand in for dates too)."""
    base: list[dict[str, Any]] = []
    for name in ("examples-2015.json", "examples-2025-zh.json"):
        path = SHARED / name
        if path.exists():
            base += [e["csl"] for e in json.loads(path.read_text(encoding="utf-8"))]
    if not base:
        base = [
            {
                "type": "article-newspaper",
                "language": "zh-CN",
                "author": [{"literal": "沈仁"}],
                "title": "秋收正忙",
                "container-title": "丽水日报",
                "issued": {"date-parts": [[2018, 9, 3]]},
                "page": "2",
            }
        ]
    items = []
    for i in range(n):
        item = dict(base[i % len(base)])
        item["id"] = f"item{i}"
        item["title"] = f"{item.get('title', '')} {i}"
        if distinct_dates:
            item["issued"] = {"date-parts": [[1900 + i // 366, 1 + i % 12, 1 + i % 28]]}
        items.append(item)
    return items


def single_layout_style(style_path: Path, out: Path) -> Path:
    """The style with its CSL-M ``locale="en"`` layouts removed (pandoc and citeproc-js
    accept only one layout per element)."""
    ET.register_namespace("", CSL_NS)
    tree = ET.parse(style_path)
    for parent in tree.getroot():
        for layout in parent.findall(f"{{{CSL_NS}}}layout"):
            if layout.get("locale"):
                parent.remove(layout)
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return out


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    """Wall time of ``cmd`` and its stdout; raises on failure."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {proc.stderr.strip()[:500]}")
    return elapsed, proc.stdout


CITEKIT_RUN = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
from citekit.model import Reference
from citekit.render import RenderCache, render_bibliography, load_style
cache = RenderCache.default()  # as the CLI does: $CITEKIT_CACHE_DIR
items = json.load(open(sys.argv[1], encoding="utf-8"))
refs = [Reference.from_csl(i) for i in items]
style = load_style(sys.argv[2])
t = time.perf_counter()
out = render_bibliography(refs, style, cache=cache)
first = time.perf_counter() - t
if sys.argv[3] == "edit":
    refs[len(refs) // 2] = refs[len(refs) // 2].replace(title="An edited title")
    t = time.perf_counter()
    out = render_bibliography(refs, style, cache=cache)
    print(json.dumps({"first": first, "edit": time.perf_counter() - t, "n": len(out)}))
else:
    print(json.dumps({"first": first, "n": len(out)}))
"""

CITEPROC_JS_RUN = """
const fs = require('fs');
const CSL = require(process.argv[5]);
const items = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const style = fs.readFileSync(process.argv[3], 'utf8');
const locales = process.argv[4];
const byId = {};
for (const it of items) byId[it.id] = it;
const sys = {
  retrieveLocale: (lang) => {
    const p = locales + '/locales-' + lang + '.xml';
    return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : false;
  },
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, style, 'zh-CN');
engine.updateItems(items.map((i) => i.id));
const bib = engine.makeBibliography();
process.stdout.write(String(bib[1].length));
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--style", default="gb-t-7714-2025-numeric")
    parser.add_argument(
        "--distinct-dates",
        action="store_true",
        help="give every item its own full date (year, month, day), as newspaper libraries do",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from citekit.render import load_style

    style = load_style(args.style)
    n = args.items
    rows: list[tuple[str, float | None, str]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        items_path = tmp / "items.json"
        items_path.write_text(
            json.dumps(make_items(n, args.distinct_dates), ensure_ascii=False), encoding="utf-8"
        )
        peer_style = single_layout_style(style.path, tmp / "style.csl")
        env = {**os.environ, "CITEKIT_CACHE_DIR": str(tmp / "cache"), "PYTHONPATH": str(ROOT)}

        # citekit, cold: new process, empty cache
        wall, out = timed(
            [sys.executable, "-c", CITEKIT_RUN, str(items_path), str(style.path), "edit"], env
        )
        inner = json.loads(out)
        rows.append(("citekit (cold, 1 process)", wall, f"render call {inner['first']:.1f} s"))
        edit_same = inner["edit"]
        # citekit, a new process after one record changed: the disk cache serves the rest
        items = json.loads(items_path.read_text(encoding="utf-8"))
        items[n // 3]["title"] = "Edited in another run"
        edited_path = tmp / "edited.json"
        edited_path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        wall2, out2 = timed(
            [sys.executable, "-c", CITEKIT_RUN, str(edited_path), str(style.path), "once"], env
        )
        edit_new = json.loads(out2)["first"]
        jobs = os.cpu_count() or 1
        if jobs > 1:
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            wall_p, _ = timed(
                [sys.executable, "-c", CITEKIT_RUN, str(items_path), str(style.path), "once"],
                {**env, "CITEKIT_JOBS": str(jobs)},
            )
            rows.append((f"citekit (cold, CITEKIT_JOBS={jobs})", wall_p, ""))

        pandoc = None
        try:
            import pypandoc

            pandoc = pypandoc.get_pandoc_path()
        except (ImportError, OSError):
            pandoc = shutil.which("pandoc")
        if pandoc:
            doc = tmp / "doc.md"
            doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
            cmd = [pandoc, str(doc), "--citeproc", "--csl", str(peer_style)]
            cmd += ["--bibliography", str(items_path), "-t", "plain", "-o", str(tmp / "p.txt")]
            wall, _ = timed(cmd)
            rows.append(("pandoc --citeproc", wall, ""))
        else:
            rows.append(("pandoc", None, "not installed: pip install pypandoc-binary"))

        node = shutil.which("node")
        module = NODE_DIR / "node_modules" / "citeproc"
        if node and module.is_dir():
            import citeproc

            locales = Path(citeproc.__file__).parent / "data" / "locales"
            script = tmp / "run.js"
            script.write_text(CITEPROC_JS_RUN, encoding="utf-8")
            cmd = [node, str(script), str(items_path), str(peer_style), str(locales), str(module)]
            wall, _ = timed(cmd)
            rows.append(("citeproc-js (node)", wall, ""))
        else:
            rows.append(
                (
                    "citeproc-js",
                    None,
                    "not installed: npm install --prefix benchmarks/.node citeproc (needs node)",
                )
            )

    pandoc_ms = next((w for name, w, _ in rows if name.startswith("pandoc") and w), None)
    kind = "every item with its own date" if args.distinct_dates else "examples repeated"
    print(f"{n} items ({kind}), style {style.name}, {os.cpu_count()} CPU(s)")
    print(f"{'engine':34} {'ms/item':>8} {'vs pandoc':>10}")
    for name, wall, note in rows:
        if wall is None:
            print(f"{name:34} {'-':>8} {'':>10}  skipped: {note}")
            continue
        ms = 1000 * wall / n
        ratio = f"{wall / pandoc_ms:.2f}x" if pandoc_ms else "-"
        print(f"{name:34} {ms:8.3f} {ratio:>10}  {note}")
    print(f"re-render after editing 1 record, same process:     {edit_same:.3f} s")
    print(f"re-render after editing 1 record, new process:      {edit_new:.3f} s (render call)")
    print(f"  (that new process, whole run incl. start-up:      {wall2:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
