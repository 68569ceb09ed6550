"""Store and input bounds: peak memory of extracting a large document, loading a large library,
and the refusal above the size limit. Prints figures; asserts nothing.

    python benchmarks/bench_store.py              # 100 MB and limit-sized documents, 10,000 records
    python benchmarks/bench_store.py --mb 20      # a smaller document

Each measurement runs in a child process; its peak RSS is ``ru_maxrss`` of that child.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from citekit.documents import MAX_DOCUMENT_BYTES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _document(path: Path, megabytes: float) -> int:
    """Repeat the seed bulletins up to ``megabytes`` of UTF-8 (real text, real attributions)."""
    unit = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    data = unit.encode("utf-8")
    target = int(megabytes * 1024 * 1024)
    with path.open("wb") as fh:
        written = 0
        while written + len(data) <= target:  # whole bulletins: no character cut in two
            fh.write(data)
            written += len(data)
    return written


def _child(code: str, env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run ``code`` in a fresh interpreter: (seconds, peak RSS in MB, last stderr line)."""
    start = time.monotonic()
    report = (
        "import atexit, resource, sys\n"
        "atexit.register(lambda: print('PEAK', resource.getrusage(resource.RUSAGE_SELF)"
        ".ru_maxrss, file=sys.stderr))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", report + code],
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True,
        text=True,
    )
    lines = proc.stderr.strip().splitlines()
    peaks = [int(line.split()[1]) for line in lines if line.startswith("PEAK ")]
    rest = [line for line in lines if not line.startswith("PEAK ")] or [f"exit {proc.returncode}"]
    return time.monotonic() - start, (peaks[-1] if peaks else 0) // 1024, rest[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="document size (default 100)")
    parser.add_argument("--records", type=int, default=10_000, help="library size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "big.txt"
        size = _document(doc, args.mb)
        extract = (
            "import sys\nfrom citekit.extract import extract_file\n"
            f"ex = extract_file({str(doc)!r})\n"
            "print(len(ex.references), 'records', file=sys.stderr)\n"
        )
        raised = {"CITEKIT_MAX_DOCUMENT_MB": str(args.mb + 1)}
        secs, peak, last = _child(extract, raised)
        mb = size / 1048576
        print(f"extract {mb:.0f} MB (limit raised): {secs:.1f} s, peak RSS {peak} MB ({last})")
        secs, peak, last = _child(extract, {"CITEKIT_MAX_DOCUMENT_MB": ""})
        print(f"same, default limit: {secs:.1f} s, peak RSS {peak} MB ({last})")
        limit = MAX_DOCUMENT_BYTES / 1048576
        at_limit = Path(tmp) / "at-limit.txt"
        size = _document(at_limit, limit)
        extract_limit = extract.replace(repr(str(doc)), repr(str(at_limit)))
        secs, peak, last = _child(extract_limit, {"CITEKIT_MAX_DOCUMENT_MB": ""})
        mb = size / 1048576
        print(f"extract {mb:.0f} MB (the default limit): {secs:.1f} s, peak RSS {peak} MB ({last})")
        refs = Path(tmp) / "refs"
        build = (
            "from citekit.model import Reference, Provenance, PartialDate\n"
            "from citekit.store import merge_extraction\n"
            f"refs = [Reference(id='', type='article-newspaper', title=f'标题{{i}}', "
            "container_title='丽水日报', issued=PartialDate(2018, 9, 3), "
            "provenance=(Provenance('seeds/a.txt', i, i, f'（来源：《丽水日报》2018-9-3）{i}'),)) "
            f"for i in range(1, {args.records + 1})]\n"
            f"merge_extraction('seeds/a.txt', None, refs, {str(refs)!r})\n"
        )
        secs, peak, _ = _child(build)
        print(
            f"first merge of {args.records} records with one base key: {secs:.1f} s, peak {peak} MB"
        )
        secs, peak, _ = _child(build)
        print(f"re-merge (no change, nothing written): {secs:.1f} s, peak RSS {peak} MB")
        load = f"from citekit.store import load_refs\nload_refs({str(refs)!r})\n"
        secs, peak, _ = _child(load)
        print(f"load {args.records} records: {secs:.1f} s, peak RSS {peak} MB")


if __name__ == "__main__":
    main()
