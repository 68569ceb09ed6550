"""The bibliography exported for biblatex-gb7714-2015 compiles (xelatex + biber), and its PDF
text matches citekit's own GB/T 7714-2015 rendering entry by entry.

Skips, saying why, where TeX is missing (Debian: ``apt-get install texlive-xetex
texlive-lang-chinese texlive-bibtex-extra biber poppler-utils fonts-noto-cjk``). The fonts are
chosen by what they cover: a missing glyph would drop the character from the PDF text and
count as a difference that is the measurement's, not citekit's (Fandol, ctex's default, has
no Japanese forms such as 続 or 沢). The comparison ignores
whitespace and hyphens (line breaks and hyphenation in the PDF); the entries that differ are
listed in tests/render_latex_differences.txt with the reason, and the test fails when an
unlisted entry differs or a listed one starts to match, so that file stays exact.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from citekit.formats.bibtex import to_bibtex
from citekit.model import Library, Reference
from citekit.render import render_bibliography

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "gbt7714-bibliography.json"
KNOWN = HERE / "render_latex_differences.txt"
TOOLS = ("xelatex", "biber", "kpsewhich", "pdftotext", "fc-list")

TEX = r"""\documentclass[fontset=none]{ctexart}
\setCJKmainfont{@CJK@}
\setmainfont{@LATIN@}
\usepackage[backend=biber,style=gb7714-2015]{biblatex}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""


def _missing() -> str | None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        return f"not installed: {', '.join(missing)}"
    found = subprocess.run(["kpsewhich", "gb7714-2015.bbx"], capture_output=True, text=True)
    if not found.stdout.strip():
        return "biblatex-gb7714-2015 is not installed (Debian: texlive-bibtex-extra)"
    return None


def _font(chars: set[str], prefer: tuple[str, ...]) -> str | None:
    """An installed font family with a glyph for every one of ``chars`` (fontconfig), the
    first by ``prefer`` (words its name should have) and then by name."""
    charset = " ".join(f"{ord(c):x}" for c in sorted(chars))
    listed = subprocess.run(
        ["fc-list", f":charset={charset}", "family"], capture_output=True, text=True
    ).stdout
    families = {f.split(",")[0].strip() for f in listed.splitlines() if f.strip()}
    ranked = sorted(families, key=lambda f: ([w not in f for w in prefer], f))
    return ranked[0] if ranked else None


def _fonts(texts: list[str]) -> tuple[str, str] | str:
    """(CJK font, Latin font) covering every character of ``texts``, or why there is none."""
    wide = {c for t in texts for c in t if ord(c) >= 0x2E80}
    narrow = {c for t in texts for c in t if 0x20 < ord(c) < 0x2E80}
    cjk = _font(wide, ("Serif", "SC"))
    latin = _font(narrow, ("DejaVu Serif",))
    if cjk is None:
        return "no installed font has every CJK character of the entries (Debian: fonts-noto-cjk)"
    if latin is None:
        return "no installed font has every Latin character of the entries (Debian: fonts-dejavu)"
    return cjk, latin


def _run(cmd: list[str], cwd: Path) -> None:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 and cmd[0] == "biber":
        raise AssertionError(f"{' '.join(cmd)} failed:\n{done.stdout[-3000:]}")


def _squash(text: str) -> str:
    # TeX sets an ASCII apostrophe as a typographic one (O'Brien -> O’Brien)
    return re.sub(r"[\s\-\u00ad]+", "", text).replace("\u2019", "'")


def _pdf_entries(pdf: Path) -> dict[int, str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"参考文献\s*\d*\s*\n", "\n", text)  # running heads
    parts = re.split(r"(?m)^\s*\[(\d+)\]\s*", text)
    return {int(n): body for n, body in zip(parts[1::2], parts[2::2], strict=True)}


def known_differences() -> dict[str, str]:
    """record id -> why the PDF differs from citekit."""
    out = {}
    for line in KNOWN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, reason = line.split("\t", 1)
            out[key] = reason
    return out


def _differences(refs: list[Reference], tmp_path: Path) -> set[str]:
    """Ids of the records whose biblatex-gb7714-2015 PDF entry differs from citekit's 2015
    numeric entry; skips, saying why, where TeX or a font is missing."""
    reason = _missing()
    if reason:
        pytest.skip(reason)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = render_bibliography(refs, "gb-t-7714-2015-numeric")
    fonts = _fonts([e.text for e in ours])
    if isinstance(fonts, str):
        pytest.skip(fonts)
    tex = TEX.replace("@CJK@", fonts[0]).replace("@LATIN@", fonts[1])
    (tmp_path / "refs.bib").write_text(to_bibtex(Library(refs), biblatex=True), "utf-8")
    (tmp_path / "main.tex").write_text(tex, encoding="utf-8")
    _run(["xelatex", "-interaction=nonstopmode", "main.tex"], tmp_path)
    _run(["biber", "main"], tmp_path)
    _run(["xelatex", "-interaction=nonstopmode", "main.tex"], tmp_path)
    pdf = _pdf_entries(tmp_path / "main.pdf")
    assert len(pdf) == len(refs), "every entry is printed"
    return {e.id for n, e in enumerate(ours, start=1) if _squash(pdf.get(n, "")) != _squash(e.text)}


def test_exported_bib_compiles_and_matches_citekit(tmp_path: Path) -> None:
    cases = json.loads(DATA.read_text(encoding="utf-8"))["cases"]
    refs = [Reference.from_csl(c["csl"]) for c in cases]
    differ = _differences(refs, tmp_path)
    same = len(refs) - len(differ)
    print(f"\nbiblatex-gb7714-2015 PDF = citekit: {same}/{len(refs)} ({same / len(refs):.0%})")
    known = known_differences()
    assert differ == set(known), (
        f"differ but not listed: {sorted(differ - set(known))}; "
        f"listed but match: {sorted(set(known) - differ)}"
    )


def test_the_standards_examples_compile_and_mostly_match(shared: Path, tmp_path: Path) -> None:
    """The 133 examples of GB/T 7714-2015, which the export was not tuned on, as a second
    measure (99/133 before the export learnt from them); 12 differ where the package has its
    own forms: a report's number after [R] (A.3), the full date of an online article printed
    as an update date (4.4.2:8), 等译 for 等, 译 (10.1.3:3), a standard in a compilation as
    "Ed. by" (A.7:4), an archive compilation (CSL collection) as [Z] (4.1.2:9)."""
    items = json.loads((shared / "gbt7714" / "examples-2015.json").read_text(encoding="utf-8"))
    refs = [Reference.from_csl(e["csl"]) for e in items]
    differ = _differences(refs, tmp_path)
    same = len(refs) - len(differ)
    print(f"\nstandard's examples, PDF = citekit: {same}/{len(refs)} ({same / len(refs):.0%})")
    print("differ:", " ".join(sorted(differ)))
    assert same / len(refs) >= 0.85
