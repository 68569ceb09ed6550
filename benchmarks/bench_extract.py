"""Extraction throughput, linearity and peak memory on a >=100 MB corpus built from the seeds.

Builds the corpus in a temporary directory (copies of the seed texts, one file each), extracts
the files one at a time and prints MB/s, the time at 10/20/50/100 MB and the peak RSS.
Throughput is measured in CPU time of this (single-threaded) process, so other load on the
machine does not distort it; the wall clock is printed too.

    python benchmarks/bench_extract.py [--mb 100]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from citekit.extract import extract_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus" / "docs"


def build(target_mb: int, where: Path) -> list[Path]:
    """Write copies of the seeds under ``where`` until ``target_mb`` MB; return their paths."""
    texts = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    paths: list[Path] = []
    total = 0
    i = 0
    while total < target_mb * 1_000_000:
        data = texts[i % len(texts)]
        p = where / f"doc{i:05d}.txt"
        p.write_bytes(data)
        paths.append(p)
        total += len(data)
        i += 1
    return paths


def _peak_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument(
        "--passes", type=int, default=0, help="only extract every seed this many times"
    )
    args = parser.parse_args(argv)
    if args.passes:
        seeds = sorted(SEEDS.glob("*.txt"))
        for _ in range(args.passes):
            for p in seeds:
                extract_file(p)
        return 0
    marks = [m for m in (10, 20, 50, 100) if m <= args.mb] or [args.mb]
    with tempfile.TemporaryDirectory() as tmp:
        paths = build(args.mb, Path(tmp))
        extract_file(paths[0])  # warm-up: imports and the alias table are not throughput
        done = 0
        records = 0
        start = time.perf_counter()
        cpu_start = time.process_time()
        pending = list(marks)
        cpu_at: dict[int, float] = {}
        for p in paths:
            ex = extract_file(p)
            records += len(ex.items)
            done += p.stat().st_size
            while pending and done >= pending[0] * 1_000_000:
                el = time.perf_counter() - start
                cpu = time.process_time() - cpu_start
                cpu_at[pending[0]] = cpu
                print(
                    f"{pending[0]:>4} MB: {el:7.2f} s wall, {cpu:7.2f} s CPU "
                    f"({done / 1e6 / cpu:5.1f} MB/s CPU), peak RSS so far {_peak_mb():.0f} MB"
                )
                pending.pop(0)
        elapsed = time.perf_counter() - start
        cpu_total = time.process_time() - cpu_start
    print(f"corpus {done / 1e6:.1f} MB in {len(paths)} files, {records} records")
    if len(cpu_at) >= 2:
        lo, hi = min(cpu_at), max(cpu_at)
        ratio = cpu_at[hi] / cpu_at[lo]
        print(f"linearity: CPU time {hi} MB / {lo} MB = {ratio:.2f} (linear = {hi / lo:.0f})")
    print(
        f"throughput {done / 1e6 / cpu_total:.1f} MB/s of CPU time on one core "
        f"({done / 1e6 / elapsed:.1f} MB/s wall clock; target >= 15 MB/s)"
    )
    print(f"peak RSS {_peak_mb():.0f} MB (target < 300 MB)")
    dense()
    print(_CACHEGRIND)
    return 0


_CACHEGRIND = (
    "instructions per pass over the seeds (exact, unlike CPU time): (I4 - I1) / 3, where In is "
    "the 'I refs' that\n  PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no "
    "--cachegrind-out-file=/dev/null \\\n    $(python -c 'import sys;print(sys.executable)') "
    "benchmarks/bench_extract.py --passes n\nprints for n = 4 and n = 1"
)


def dense() -> None:
    """Records per CPU second on the development corpus: short excerpts dense with references
    (every layout), where the per-reference work dominates."""
    docs = sorted(CORPUS.glob("*.txt"))
    if not docs:
        return
    size = sum(p.stat().st_size for p in docs)
    cpu = time.process_time()
    refs = 0
    for _ in range(5):
        refs += sum(len(extract_file(p).references) for p in docs)
    cpu = time.process_time() - cpu
    print(
        f"development corpus ({len(docs)} dense excerpts, {refs // 5} references): "
        f"{refs / cpu:.0f} references/s, {5 * size / 1e6 / cpu:.2f} MB/s CPU"
    )


if __name__ == "__main__":
    sys.exit(main())
