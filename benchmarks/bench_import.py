"""Importing 10,000 RIS records: read + map, then merge into a fresh refs/ (prints seconds).

    python benchmarks/bench_import.py [N]

Builds N records (default 10,000) in the shape of a CNKI/Web of Science RIS export (Chinese
and English authors, wrapped abstracts, keywords), then times (1) reading them into records
(detection, rispy tag parsing, mapping) and (2) `citekit import`'s merge into an empty refs/.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citekit.importing import import_into_refs  # noqa: E402
from citekit.inputs import read_records  # noqa: E402
from citekit.problems import Problems  # noqa: E402


def ris_records(n: int) -> str:
    """``n`` distinct RIS records."""
    out = []
    for i in range(n):
        zh = i % 2 == 0
        authors = ["潘紫麟", "刘庆鹏", f"王{i % 97}"] if zh else ["Frese, Karen S.", f"Meder, B{i}"]
        out.append(
            "\n".join(
                [
                    "TY  - JOUR",
                    *(f"AU  - {a}" for a in authors),
                    f"TI  - {'计算机辅助导航技术的应用研究' if zh else 'Sequencing study'} {i}",
                    f"JO  - {'医学综述' if zh else 'Biology'}",
                    f"PY  - {1990 + i % 35}",
                    f"VL  - {i % 60}",
                    f"IS  - {i % 12 + 1}",
                    f"SP  - {i % 900 + 1}",
                    f"EP  - {i % 900 + 9}",
                    "SN  - 1006-2084",
                    "KW  - 脊柱疾病",
                    "KW  - 导航技术",
                    "AB  - 随着当代计算机技术的不断发展，计算机辅助导航技术逐渐应用于手术中，",
                    "该技术将手术与三维立体定位、计算机影像处理、可视化技术结合。",
                    f"DO  - 10.1234/bench.{i}",
                    "ER  - ",
                    "",
                ]
            )
        )
    return "\n".join(out)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.ris"
        path.write_text(ris_records(n), encoding="utf-8")
        size = path.stat().st_size / 2**20
        t0 = time.perf_counter()
        imported = read_records(str(path), "auto", Problems())
        t1 = time.perf_counter()
        assert len(imported.records) == n, len(imported.records)
        print(
            f"read {n:,} RIS records ({size:.1f} MiB, detected {imported.format}): "
            f"{t1 - t0:.2f} s ({(t1 - t0) / n * 1e3:.3f} ms/record)"
        )
        t2 = time.perf_counter()
        report = import_into_refs(str(path), Path(tmp) / "refs", problems=Problems())
        t3 = time.perf_counter()
        print(f"citekit import into an empty refs/ ({len(report.added):,} added): {t3 - t2:.2f} s")


if __name__ == "__main__":
    main()
