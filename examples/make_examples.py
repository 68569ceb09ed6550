"""Regenerate the Word examples: a report with [@key] markers, and it cited in two styles.

    python examples/make_examples.py [INPUT]

INPUT is any citekit input (refs/, a CSL-JSON or BibTeX file). Without it, ``refs/`` is used
when it holds records, else the records of ``citekit extract seeds/*.txt --format csl-json``.
Writes, next to this script:

- ``report.docx``: a short 调研报告 citing the seeds' records with markers — in the body (one
  split across differently formatted runs, one with several keys, one with a page, one with a
  prefix and suffix), in a table, in a footnote and in the header;
- ``report-cited-numeric.docx`` and ``report-cited-author-date.docx``: ``citekit cite`` output
  in GB/T 7714-2025 numeric and author-date styles (the list at the end, under a 参考文献
  heading in citekit's own style);
- ``report-cited-notes.docx``: ``citekit cite --notes``: footnotes ①② (注释);
- ``references-numeric.docx``: the cited records as a stand-alone list (``export --to docx``).

With LibreOffice and pdftoppm installed, the first page of each cited report is also laid out
by LibreOffice and saved as ``docs/word-*.png`` (what the README shows).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx

from citekit.docx import cite_document, write_bibliography_docx
from citekit.inputs import load_input
from citekit.model import Library, Reference
from citekit.render import render_bibliography

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def load_library(argv: list[str]) -> Library:
    """The records to cite: INPUT, refs/, or a fresh extraction of the seeds."""
    if argv:
        return load_input(argv[0])
    refs = ROOT / "refs"
    if any(p.suffix == ".yaml" and not p.name.startswith("_") for p in refs.glob("*.yaml")):
        return load_input(refs)
    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    command = [sys.executable, "-c", "from citekit.cli import main; main()", "extract"]
    out = subprocess.run(
        [*command, *seeds, "--format", "csl-json"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seeds.json"
        path.write_text(out, encoding="utf-8")
        return load_input(path)


def pick(lib: Library) -> list[Reference]:
    """Eight records of as many kinds as the library has, in library order."""
    chosen: list[Reference] = []
    kinds: set[str] = set()
    for ref in lib:  # one of each type first …
        if ref.type not in kinds and ref.title:
            chosen.append(ref)
            kinds.add(ref.type)
    for ref in lib:  # … then fill up
        if len(chosen) >= 8:
            break
        if ref not in chosen and ref.title:
            chosen.append(ref)
    if len(chosen) < 4:
        raise SystemExit("need at least four records with titles")
    return chosen[:8]


def build_report(path: Path, refs: list[Reference]) -> None:
    """The sample report (python-docx), then its footnote (lxml: python-docx has none)."""
    k = [r.id for r in refs]
    d = docx.Document()
    d.sections[0].header.paragraphs[0].add_run(f"“八八战略”实施情况调研报告（引 [@{k[0]}]）")
    d.add_heading("关于“八八战略”实施情况的调研报告", 1)
    d.add_heading("一、总体情况", 2)
    p = d.add_paragraph("各地围绕“八八战略”持续深化改革，地方媒体对此作了大量报道")
    p.add_run(f"[@{k[0][:4]}")
    p.add_run(k[0][4:]).bold = True  # a marker Word split across runs
    p.add_run("]。")
    p.add_run("省级层面的部署见相关文件与讲话")
    p.add_run(f"[@{k[1]}; @{k[2]}; @{k[3]}]")
    p.add_run("，其中的具体表述")
    p.add_run(f"[@{k[1]}, p. 2]")
    p.add_run("值得注意。<<FN1>>")
    d.add_heading("二、典型做法", 2)
    d.add_paragraph(
        f"一是坚持生态优先[@{k[4 % len(k)]}]；二是推进数字化改革[@{k[5 % len(k)]}]；"
        f"三是深化共同富裕示范区建设[@{k[0]}; @{k[6 % len(k)]}]。"
    )
    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text, table.cell(0, 1).text = "做法", "来源"
    table.cell(1, 0).text = "山海协作"
    table.cell(1, 1).text = f"见[@{k[7 % len(k)]}]"
    d.add_paragraph(f"有关评论[参见@{k[3]}，第2页，有改动]。")
    d.save(path)
    _add_footnote(path, f"详见[@{k[2]}]及其后续报道。")


def _add_footnote(path: Path, text: str) -> None:
    note = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        '<w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r>'
        f'<w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    with zipfile.ZipFile(path) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    entries["word/footnotes.xml"] = note.encode()
    entries["[Content_Types].xml"] = (
        entries["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
        )
        .encode()
    )
    rels = "word/_rels/document.xml.rels"
    entries[rels] = (
        entries[rels]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
            "</Relationships>",
        )
        .encode()
    )
    doc = entries["word/document.xml"].decode()
    entries["word/document.xml"] = doc.replace(
        "值得注意。&lt;&lt;FN1&gt;&gt;</w:t></w:r>",
        '值得注意。</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r>',
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)


def main(argv: list[str]) -> int:
    lib = load_library(argv)
    refs = pick(lib)
    report = HERE / "report.docx"
    build_report(report, refs)
    summary = {}
    outputs = []
    for style in ("numeric", "author-date", "notes"):
        out = HERE / f"report-cited-{style}.docx"
        if style == "notes":
            result = cite_document(report, lib, None, out, notes=True)
        else:
            result = cite_document(report, lib, f"gb-t-7714-2025-{style}", out)
        summary[style] = [c.text for c in result.citations]
        outputs.append(out)
    write_bibliography_docx(
        render_bibliography(refs, "gb-t-7714-2025-numeric"), HERE / "references-numeric.docx"
    )
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    pages(outputs)
    return 0


def pages(docs: list[Path]) -> None:
    """LibreOffice's layout of each document's first page, as docs/word-<style>.png."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        print("LibreOffice or pdftoppm missing: no page images", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        subprocess.run(
            [
                soffice,
                "--headless",
                profile,
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                *map(str, docs),
            ],
            check=True,
            capture_output=True,
        )
        for doc in docs:
            pdf = Path(tmp) / f"{doc.stem}.pdf"
            name = doc.stem.replace("report-cited-", "word-")
            subprocess.run(
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    "80",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(ROOT / "docs" / name),
                ],
                check=True,
            )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
