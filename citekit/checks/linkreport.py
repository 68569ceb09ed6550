"""Link-check reports: a list of :class:`~citekit.checks.links.LinkResult` -> text.

Consumes link results and produces the report formats of ``citekit check links``: an aligned
table for people, Markdown for issues and wikis, JUnit XML for CI servers (a broken link is a
failed test case, an unverifiable one a skipped case), and the JSON array of the documented shape.
"""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence

from .links import LinkResult

__all__ = [
    "FORMATS",
    "format_report",
    "summarize",
    "to_json",
    "to_junit",
    "to_markdown",
    "to_table",
]

#: report formats, as spelled on the command line
FORMATS = ("table", "json", "markdown", "junit")
_ORDER = {"broken": 0, "unverifiable": 1, "ok": 2}


def summarize(results: Sequence[LinkResult]) -> str:
    """``25 links: 20 ok, 3 broken, 2 unverifiable`` (with the reasons of the failures)."""
    verdicts = Counter(r.verdict for r in results)
    reasons = Counter(r.reason for r in results if r.verdict != "ok")
    text = (
        f"{len(results)} links: {verdicts['ok']} ok, {verdicts['broken']} broken, "
        f"{verdicts['unverifiable']} unverifiable"
    )
    if reasons:
        text += " (" + ", ".join(f"{n} {k}" for k, n in sorted(reasons.items())) + ")"
    return text


def _shown(results: Sequence[LinkResult], show_all: bool) -> list[LinkResult]:
    rows = [r for r in results if show_all or r.verdict != "ok" or r.reason == "moved"]
    return sorted(rows, key=lambda r: _ORDER[r.verdict])  # stable: input order within a verdict


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _note(r: LinkResult) -> str:
    note = r.detail
    if r.evidence and r.verdict != "ok":
        note += " [" + "; ".join(r.evidence) + "]"  # what the verdict rests on
    if r.suggestion:
        note += f" -> {r.suggestion}"
    return note


def to_table(results: Sequence[LinkResult], *, show_all: bool = False) -> str:
    """Aligned columns: verdict, reason, status, cited by, URL, detail (problems first).

    Working links are left out unless ``show_all`` (moved ones are kept: they want an edit).
    """
    rows = [
        [
            r.verdict,
            r.reason,
            str(r.status or "-"),
            ",".join(r.ids) or "-",
            r.url,
            _note(r),
        ]
        for r in _shown(results, show_all)
    ]
    if not rows:
        return ""
    header = ["VERDICT", "REASON", "STATUS", "CITED BY", "URL", "DETAIL"]
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(5)]
    lines = []
    for row in [header, *rows]:
        cells = [c + " " * (w - _width(c)) for c, w in zip(row[:5], widths, strict=True)]
        lines.append("  ".join([*cells, row[5]]).rstrip())
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(results: Sequence[LinkResult], *, show_all: bool = False) -> str:
    """A Markdown table (problems first) under a one-line summary."""
    lines = [f"**{summarize(results)}**", ""]
    rows = _shown(results, show_all)
    if rows:
        lines.append("| verdict | reason | status | cited by | URL | detail |")
        lines.append("|---|---|---|---|---|---|")
        for r in rows:
            cells = [r.verdict, r.reason, str(r.status or ""), ", ".join(r.ids), r.url, _note(r)]
            lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def to_junit(results: Sequence[LinkResult]) -> str:
    """JUnit XML: one test case per URL; broken -> failure, unverifiable -> skipped."""
    broken = sum(r.verdict == "broken" for r in results)
    skipped = sum(r.verdict == "unverifiable" for r in results)
    total_s = sum(r.elapsed_ms for r in results) / 1000
    suite = ET.Element(
        "testsuite",
        name="citekit check links",
        tests=str(len(results)),
        failures=str(broken),
        errors="0",
        skipped=str(skipped),
        time=f"{total_s:.3f}",
    )
    for r in results:
        case = ET.SubElement(
            suite,
            "testcase",
            classname="links." + (r.ids[0] if r.ids else "url"),
            name=r.url,
            time=f"{r.elapsed_ms / 1000:.3f}",
        )
        message = f"{r.reason}: {_note(r)}"
        if r.verdict == "broken":
            failure = ET.SubElement(case, "failure", message=message, type=r.reason)
            failure.text = json.dumps(r.to_json(), ensure_ascii=False, indent=2)
        elif r.verdict == "unverifiable":
            ET.SubElement(case, "skipped", message=message)
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, "unicode") + "\n"


def to_json(results: Sequence[LinkResult]) -> str:
    """The JSON array of :meth:`LinkResult.to_json` objects (Chinese unescaped)."""
    return json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2) + "\n"


def format_report(results: Sequence[LinkResult], fmt: str, *, show_all: bool = False) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return to_json(results)
    if fmt == "junit":
        return to_junit(results)
    if fmt == "markdown":
        return to_markdown(results, show_all=show_all)
    if fmt == "table":
        return to_table(results, show_all=show_all)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
