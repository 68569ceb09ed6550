"""Hostile inputs: each is run through the CLI in a child process; prints seconds, peak memory
and the exit code, so that "no input exhausts memory or hangs" is a figure, not a hope.

    python benchmarks/bench_bounds.py            # all cases
    python benchmarks/bench_bounds.py --quick    # smaller sizes (a minute on a laptop)

Each case is made here (nothing downloaded). A case passes when it ends (exit 0, 1 or 2 with a
clear message) within the time limit and under the memory limit; the table says which.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_S = 300
LIMIT_MB = 1500


def _docx(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def _laughs(levels: int = 10) -> str:
    ents = ['<!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">']
    ents += [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels)]
    return "<!DOCTYPE d [" + "".join(ents) + "]>"


def cases(scale: int) -> dict[str, tuple[str, Callable[[Path], list[str]]]]:
    """name -> (what it is, make(dir) -> CLI arguments)."""

    def text(name: str, body: str, *cmd: str) -> Callable[[Path], list[str]]:
        def make(d: Path) -> list[str]:
            (d / name).write_text(body, encoding="utf-8")
            return [*cmd, str(d / name)]

        return make

    def binary(name: str, data: bytes, *cmd: str) -> Callable[[Path], list[str]]:
        def make(d: Path) -> list[str]:
            (d / name).write_bytes(data)
            return [*cmd, str(d / name)]

        return make

    ex = ("extract", "--format", "csl-json")
    imp = ("import", "--format", "csl-json")
    one = "（来源：人民日报 2020年1月1日 第1版）"
    bomb_xml = (
        '<?xml version="1.0"?>'
        + _laughs()
        + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    endnote_bomb = (
        '<?xml version="1.0"?>'
        + _laughs()
        + '<xml><records><record><ref-type name="Journal Article">17</ref-type>'
        "<titles><title>&l9;</title></titles></record></records></xml>"
    )
    return {
        "attributions-on-one-line": (
            f"{20_000 * scale} attributions on one line ({len(one) * 20_000 * scale} chars)",
            text("line.txt", one * 20_000 * scale, *ex),
        ),
        "a-cue-on-every-line": (
            f"{100_000 * scale} lines of 来源：",
            text("cues.txt", "来源：\n" * 100_000 * scale, *ex),
        ),
        "bracket-runs": (
            "300k 《 then 300k （ on one line",
            text("brackets.txt", "《" * 300_000 + "（来源：" + "（" * 300_000 + "\n", *ex),
        ),
        "one-line-without-breaks": (
            f"{5 * scale} MB of text without a line break",
            text("flat.txt", "文" * (5 * scale * 1024 * 1024 // 3), *ex),
        ),
        "docx-zip-bomb": (
            "a .docx whose document.xml inflates to 200 MB",
            lambda d: binary("bomb.docx", _spaces_docx(200), *ex)(d),
        ),
        "docx-billion-laughs": (
            "a .docx whose document.xml defines nested entities",
            binary("laughs.docx", _docx(bomb_xml.encode()), *ex),
        ),
        "endnote-xml-billion-laughs": (
            "EndNote XML with nested entities",
            text("laughs.xml", endnote_bomb, *imp),
        ),
        "ris-huge-line": (
            f"an RIS record whose title is {10 * scale} MB",
            text(
                "huge.ris",
                "TY  - JOUR\nTI  - " + "题" * (10 * scale * 1024 * 1024 // 3) + "\nER  - \n",
                *imp,
            ),
        ),
        "bibtex-deep-braces": (
            "a BibTeX title nested 50,000 braces deep",
            text(
                "deep.bib", "@article{a, title={" + "{" * 50_000 + "x" + "}" * 50_000 + "}}\n", *imp
            ),
        ),
        "gbt-list-long-entry": (
            "a pasted reference list entry of 2 MB",
            text(
                "list.txt",
                "[1]" + "张三,李四." * 200_000 + "[J].\n",
                "import",
                "--from",
                "gbt-text",
                "--format",
                "csl-json",
            ),
        ),
        "yaml-alias-bomb": (
            "refs/ file with a billion-laughs alias chain",
            _yaml_bomb,
        ),
    }


def _spaces_docx(mb: int) -> bytes:
    head = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    body = b"<w:body><w:p><w:r><w:t>" + b" " * (mb * 1024 * 1024) + b"</w:t></w:r></w:p></w:body>"
    return _docx(head + body + b"</w:document>")


def _yaml_bomb(d: Path) -> list[str]:
    refs = d / "refs"
    refs.mkdir()
    lines = ['a0: &a0 ["哈哈哈哈哈哈哈哈"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    (refs / "bomb.yaml").write_text("\n".join(lines) + "\nreferences: []\n", encoding="utf-8")
    return ["render", str(refs)]


def run(args: list[str]) -> tuple[float, float, int, str]:
    """Run the CLI through a child of our own, whose RUSAGE_CHILDREN is this case's peak."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", *args],
            capture_output=True,
            text=True,
            timeout=LIMIT_S,
            cwd=ROOT,
        )
        peak_kb = (done.stdout.strip().splitlines() or ["-1 0"])[-1]
        parts = peak_kb.split()
        code, peak = int(parts[0]), float(parts[1]) / 1024
        last = (done.stderr.strip().splitlines() or [""])[-1]
    except subprocess.TimeoutExpired:
        code, peak, last = -1, float("nan"), "timed out"
    return time.perf_counter() - start, peak, code, last[:90]


def child(args: list[str]) -> None:
    """The measuring child: runs citekit, prints its exit code and peak RSS (KB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "citekit", *args],
        stdout=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
        preexec_fn=lambda: resource.setrlimit(
            resource.RLIMIT_AS, (4 * LIMIT_MB * 1024 * 1024,) * 2
        ),
    )
    print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    parser.add_argument("names", nargs="*", help="only these cases")
    opts = parser.parse_args()
    table = cases(1 if opts.quick else 3)
    print(f"{'case':28} {'seconds':>8} {'peak MB':>8} {'exit':>5}  verdict  last stderr line")
    for name, (what, make) in table.items():
        if opts.names and name not in opts.names:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            args = make(Path(tmp))
            seconds, peak, code, err = run(args)
        ok = code in (0, 1, 2) and seconds < LIMIT_S and peak < LIMIT_MB
        print(f"{name:28} {seconds:8.1f} {peak:8.0f} {code:5}  {'ok' if ok else 'FAIL':7}  {err}")
        print(f"{'':28} ({what})")


if __name__ == "__main__":
    main()
