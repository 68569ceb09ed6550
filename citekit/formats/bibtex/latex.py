"""LaTeX field text <-> Unicode (the only module importing pylatexenc).

Reading uses pylatexenc's LaTeX-to-text converter (accents, ``\\emph{}``, ``$\\Sigma$``,
``--``, ``\\TeX``), with the GB/T 7714 conventions added: ``\\quad`` is the full-width space of a
printed Chinese title, ``\\textsuperscript{4}`` is ``⁴``, a tie ``~`` is a space, and a macro it
does not know is kept as written (nothing lost). Writing escapes exactly what LaTeX would
interpret, so ``latex_unescape(latex_escape(text)) == text`` for any text (never double-escaped:
a value is escaped once, on export, from its Unicode form).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pylatexenc import latexwalker
from pylatexenc.latex2text import (
    LatexNodes2Text,
    MacroTextSpec,
    SpecialsTextSpec,
    get_default_latex_context_db,
)
from pylatexenc.macrospec import MacroSpec

from ...errors import FormatError

__all__ = ["latex_escape", "latex_unescape"]

_ESCAPES = {
    "\\": r"\textbackslash{}",
    # BibTeX counts every brace, escaped or not, so \{ would unbalance the field.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# A special character, or the empty position inside a LaTeX ligature (-- --- `` '' !` ?`),
# which gets an empty group so that it stays two characters.
_ESCAPE_RE = re.compile(r"[\\{}%&$#_~^]|(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[!?])(?=`)")
_LATEX_RE = re.compile(r"[\\{}~$]|--|``|''|[!?]`")  # text without these is its own decoding
_WS_RE = re.compile(r"[ \t\r\n]+")
# BibTeX's whitespace; U+3000 and U+00A0 are text (a full-width space in a Chinese title).
_ASCII_WS = " \t\r\n"
_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def latex_escape(text: str) -> str:
    """Escape LaTeX special characters so that :func:`latex_unescape` gives ``text`` back."""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(), "{}"), text)


def _scripted(table: dict[int, int]) -> Any:
    def repl(node: Any, l2tobj: LatexNodes2Text) -> str:
        inner = str(l2tobj.nodelist_to_text(node.nodeargd.argnlist))
        # a script that has no Unicode form for every character stays as plain text
        mapped = inner.translate(table)
        return mapped if all(ord(c) in table.values() for c in mapped if c.strip()) else inner

    return repl


def _verbatim(node: Any) -> str:
    return str(node.latex_verbatim())


@cache
def _converter() -> tuple[LatexNodes2Text, latexwalker.LatexWalker | None]:
    """pylatexenc set up once, on first use (no work at import)."""
    db = get_default_latex_context_db()
    db.add_context_category(
        "citekit",
        prepend=True,
        macros=[
            MacroTextSpec("TeX", simplify_repl="TeX"),
            MacroTextSpec("LaTeX", simplify_repl="LaTeX"),
            MacroTextSpec("BibTeX", simplify_repl="BibTeX"),
            MacroTextSpec("quad", simplify_repl="\u3000"),
            MacroTextSpec("qquad", simplify_repl="\u3000\u3000"),
            MacroTextSpec("textbraceleft", simplify_repl="{"),
            MacroTextSpec("textbraceright", simplify_repl="}"),
            MacroTextSpec("textasciicircum", simplify_repl="^"),
            MacroTextSpec("textasciitilde", simplify_repl="~"),
            MacroTextSpec("textsuperscript", simplify_repl=_scripted(_SUPERSCRIPT)),
            MacroTextSpec("textsubscript", simplify_repl=_scripted(_SUBSCRIPT)),
            MacroTextSpec("url", simplify_repl="%s"),
            MacroTextSpec("NoCaseChange", simplify_repl="%s"),
            MacroTextSpec("\\", simplify_repl=" "),  # a line break in a title
        ],
        specials=[SpecialsTextSpec("~", " ")],  # a tie: layout, not content
    )
    db.set_unknown_macro_spec(MacroTextSpec("", simplify_repl=_verbatim))
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces=True), None


#: text macros without an argument (the unknown-macro rule below would take one)
_NO_ARGUMENT = (
    "TeX",
    "LaTeX",
    "BibTeX",
    "quad",
    "qquad",
    "textbraceleft",
    "textbraceright",
    "textasciicircum",
    "textasciitilde",
    "textbackslash",
    "textunderscore",
    "textdollar",
    "textendash",
    "textemdash",
    "textquoteleft",
    "textquoteright",
    "textquotedblleft",
    "textquotedblright",
    "ldots",
    "dots",
    "textellipsis",
    "S",
    "copyright",
    "textregistered",
    "texttrademark",
    "ss",
    "o",
    "O",
    "ae",
    "AE",
    "oe",
    "OE",
    "aa",
    "AA",
    "l",
    "L",
    "i",
    "j",
)


@cache
def _walker_context() -> Any:
    ctx = latexwalker.get_default_latex_context_db()
    ctx.add_context_category(
        "citekit",
        prepend=True,
        macros=[
            MacroSpec("textsuperscript", "{"),
            MacroSpec("textsubscript", "{"),
            MacroSpec("NoCaseChange", "{"),
            MacroSpec("url", "{"),
            # escaped characters take no argument (the unknown-macro rule below would)
            *(MacroSpec(c, "") for c in "&%$#_{} ,;:!@/-|\\"),
            *(MacroSpec(name, "") for name in _NO_ARGUMENT),
        ],
    )
    # an unknown macro takes the group after it, so that both are kept as written
    ctx.set_unknown_macro_spec(MacroSpec("", "{"))
    return ctx


#: braces nested deeper than this are not LaTeX a person wrote (the parser recurses per level)
MAX_BRACE_DEPTH = 100


def brace_depth(text: str) -> int:
    """How deep ``{}`` groups nest in ``text`` (escaped braces count too: an upper bound)."""
    depth = deepest = 0
    for ch in text:
        if ch == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == "}":
            depth = max(0, depth - 1)
    return deepest


def latex_unescape(text: str) -> str:
    """LaTeX field text -> Unicode: escapes, accents, ``\\emph{}``, math, ``--``; whitespace
    collapsed. Braces that only protect case are dropped; an unknown macro is kept as written.

    Raises :class:`~citekit.errors.FormatError` for braces nested deeper than
    :data:`MAX_BRACE_DEPTH`.
    """
    if "{" in text and brace_depth(text) > MAX_BRACE_DEPTH:
        raise FormatError(f"braces nested more than {MAX_BRACE_DEPTH} deep")
    if _LATEX_RE.search(text):
        converter, _ = _converter()
        walker = latexwalker.LatexWalker(
            text, latex_context=_walker_context(), tolerant_parsing=True
        )
        nodes, _pos, _len = walker.get_latex_nodes()
        text = converter.nodelist_to_text(nodes)
    return _WS_RE.sub(" ", text).strip(_ASCII_WS)
