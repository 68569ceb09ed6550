"""The review workbench on a big library: opening the page and saving one record.

Writes a refs/ of ``--records`` synthetic newspaper and journal records (20 files) into a
temporary directory, starts ``citekit review``'s server on 127.0.0.1 in this process, and
times over HTTP: opening the page (cold: first render; warm: again), reading a record, and
saving an edit (median of ``--saves``, each a fresh version; the write is atomic, under the
lock, the file's comments kept). Targets from the issue: page < 2 s, save < 200 ms.

    python benchmarks/bench_review.py [--records 10000] [--saves 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from citekit.model import Name, PartialDate, Provenance, Reference
from citekit.review import ReviewServer, Workbench, start_in_thread
from citekit.store import RefsFile, write_refs_file

_WORDS = tuple(
    "生态产品价值实现山区县域共同富裕数字改革乡村振兴海洋经济文化旅游产业协作创新绿色发展治理民生教育"[
        i : i + 2
    ]
    for i in range(0, 48, 2)
)


def _title(i: int) -> str:
    """A title of three to six words, as varied as a year of bulletins."""
    words = [_WORDS[(i * p + p * p) % len(_WORDS)] for p in (3, 5, 7, 11, 13, 17)[: 3 + i % 4]]
    return "".join(words) + f"（{i % 50 + 1}）"


def make_library(refs: Path, n: int, files: int = 20) -> list[str]:
    """``n`` records in ``files`` refs files; returns their keys."""
    papers = ["丽水日报", "浙江日报", "人民日报", "光明日报", "经济日报"]
    keys = []
    per = n // files
    for f in range(files):
        source = f"docs/bulletin-{f:02d}.txt"
        refs_list = []
        for i in range(f * per, (f + 1) * per):
            key = f"ref{i:05d}"
            keys.append(key)
            prov = (
                Provenance(
                    source,
                    1 + 3 * (i - f * per),
                    1 + 3 * (i - f * per),
                    f"（来源：{papers[i % 5]}）",
                ),
            )
            refs_list.append(
                Reference(
                    id=key,
                    type="article-newspaper",
                    title=_title(i),
                    author=(Name(literal=f"记者{i % 97}"),),
                    container_title=papers[i % len(papers)],
                    issued=PartialDate.of(2015 + i % 9, 1 + i % 12, 1 + i % 28),
                    provenance=prov,
                )
            )
        write_refs_file(
            RefsFile(refs / f"bulletin-{f:02d}.yaml", source=source, references=refs_list)
        )
    return keys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        refs = Path(tmp) / "refs"
        refs.mkdir()
        t0 = time.perf_counter()
        keys = make_library(refs, args.records)
        made = time.perf_counter() - t0
        server = ReviewServer(Workbench(refs))
        start_in_thread(server)
        base = f"http://127.0.0.1:{server.port}"
        headers = {"X-Citekit-Token": server.token}

        def get(path: str) -> bytes:
            req = urllib.request.Request(base + path, headers=headers)
            with urllib.request.urlopen(req, timeout=600) as resp:
                return resp.read()

        def post(path: str, body: object) -> dict[str, object]:
            data = json.dumps(body).encode()
            req = urllib.request.Request(
                base + path, data=data, headers={**headers, "Content-Type": "application/json"}
            )
            with urllib.request.urlopen(req, timeout=600) as resp:
                return json.loads(resp.read())  # type: ignore[no-any-return]

        timings = {}
        for label in ("cold", "warm"):
            t0 = time.perf_counter()
            page = get("/")
            timings[label] = time.perf_counter() - t0
        key = keys[len(keys) // 2]
        t0 = time.perf_counter()
        record = json.loads(get(f"/api/record?key={key}"))
        read = time.perf_counter() - t0
        saves = []
        version = record["version"]
        for n in range(args.saves):
            t0 = time.perf_counter()
            answer = post(
                "/api/save", {"key": key, "fields": {"title": f"修改{n}"}, "version": version}
            )
            saves.append(time.perf_counter() - t0)
            version = answer["version"]
        server.shutdown()
        server.server_close()

    def verdict(seconds: float) -> str:
        return "ok" if seconds < 2 else "MISSED"

    print(f"library: {args.records} records in 20 refs files (written in {made:.1f} s)")
    print(
        f"page:    {timings['cold']:.2f} s cold, {timings['warm']:.2f} s warm, "
        f"{len(page) / 1e6:.1f} MB (target < 2 s: cold {verdict(timings['cold'])}, "
        f"warm {verdict(timings['warm'])})"
    )
    print(f"record:  {read * 1000:.0f} ms to read one record's fields")
    median = statistics.median(saves)
    print(
        f"save:    {median * 1000:.0f} ms median of {len(saves)} saves "
        f"(target < 200 ms: {'ok' if median < 0.2 else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
