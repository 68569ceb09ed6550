"""Text that XML 1.0 can hold: what .docx and HTML outputs are written from.

XML 1.0 forbids most C0 control characters (ESC, NUL, form feed ...), lone surrogates and
U+FFFE/U+FFFF; a Word document containing one does not open. They reach citekit from pasted
text, so the writers pass every string through :func:`xml_safe`, and the store reports records
that contain them (:func:`xml_forbidden`), so they are never removed silently.
"""

from __future__ import annotations

import re

__all__ = ["describe_forbidden", "xml_forbidden", "xml_safe"]

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (tab, newline and CR are kept)."""
    return _FORBIDDEN.sub("", text)


def xml_forbidden(text: str) -> list[str]:
    """The forbidden characters in ``text``, each once, in order."""
    return list(dict.fromkeys(_FORBIDDEN.findall(text)))


def describe_forbidden(chars: list[str]) -> str:
    """``U+001B, U+0000`` for a message."""
    return ", ".join(f"U+{ord(c):04X}" for c in chars)
