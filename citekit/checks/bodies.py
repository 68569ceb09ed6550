"""Bounded response bodies: raw bytes as they arrive -> at most ``limit`` decoded bytes.

Consumes the raw (still encoded) chunks of an HTTP response and its ``Content-Encoding`` list;
produces the first ``limit`` bytes of the decoded body and whether any layer was cut at its cap.
Each layer (``gzip``, ``deflate``, ``identity``, applied in reverse order of the header) is
decoded incrementally with ``zlib`` and never yields more than ``limit`` bytes, so a response
compressed twice (a few KB that expand to gigabytes) costs at most ``limit`` bytes per layer.
An HTTP library's own decoder would expand each layer in full before the caller sees a byte.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

__all__ = ["ACCEPT_ENCODING", "BoundedDecoder", "UnsupportedEncoding"]

#: the encodings this module decodes: what the checker asks servers for
ACCEPT_ENCODING = "gzip, deflate"


class UnsupportedEncoding(ValueError):
    """A ``Content-Encoding`` this module cannot decode (``br``, ``zstd``, ...)."""


class _Layer:
    """One ``Content-Encoding`` layer: zlib with a cap on what it yields."""

    def __init__(self, name: str, limit: int) -> None:
        self.name = name
        self.limit = limit
        self.produced = 0
        self.capped = False
        self.finished = False
        self.raw_fallback = False
        if name in ("gzip", "x-gzip"):
            self.z: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif name == "deflate":
            self.z = zlib.decompressobj()  # zlib-wrapped; raw deflate is retried below
            self.raw_fallback = True
        elif name in ("identity", ""):
            self.z = None
        else:
            raise UnsupportedEncoding(name)

    def feed(self, data: bytes) -> bytes:
        room = self.limit - self.produced
        if room <= 0 or self.finished:
            if data:
                self.capped = self.capped or not self.finished
            return b""
        if self.z is None:
            out = data[:room]
            self.capped = len(data) > room
        else:
            try:
                out = self.z.decompress(data, room)
            except zlib.error:
                if self.name == "deflate" and self.produced == 0 and self.raw_fallback:
                    # Servers that send raw deflate without the zlib header (a common bug).
                    self.raw_fallback = False
                    self.z = zlib.decompressobj(-zlib.MAX_WBITS)
                    return self.feed(data)
                raise
            if self.z.eof:
                self.finished = True
            elif self.z.unconsumed_tail:
                self.capped = True  # more output was waiting: the cap cut this layer
        self.produced += len(out)
        return out


@dataclass
class BoundedDecoder:
    """Feed raw chunks with :meth:`feed`; read :attr:`body` (at most ``limit`` bytes)."""

    encodings: list[str]
    limit: int
    body: bytearray = field(default_factory=bytearray)
    #: some layer had more to give than its cap (the body was cut, or a bomb was defused)
    capped: bool = False
    raw_bytes: int = 0

    def __post_init__(self) -> None:
        # Content-Encoding lists encodings in the order they were applied: undo the last first.
        self.layers = [_Layer(e, self.limit) for e in reversed(self.encodings)]

    @classmethod
    def for_header(cls, header: str | None, limit: int) -> BoundedDecoder:
        """A decoder for a ``Content-Encoding`` header value (may be None)."""
        names = [e.strip().lower() for e in (header or "").split(",") if e.strip()]
        return cls([n for n in names if n != "identity"], limit)

    @property
    def full(self) -> bool:
        """True once :attr:`body` holds ``limit`` bytes: reading more is pointless."""
        return len(self.body) >= self.limit

    def feed(self, chunk: bytes) -> None:
        """Decode one raw chunk through every layer, keeping at most ``limit`` bytes."""
        self.raw_bytes += len(chunk)
        data = chunk
        for layer in self.layers:
            data = layer.feed(data)
            if not data:
                break
        room = self.limit - len(self.body)
        if len(data) > room:
            self.capped = True
        self.body += data[:room]
        self.capped = self.capped or any(layer.capped for layer in self.layers)

    @property
    def inner_layer_capped(self) -> bool:
        """A layer other than the last one hit its cap: data that expands more than ``limit``
        bytes only to be decompressed again (the shape of a decompression bomb)."""
        return any(layer.capped for layer in self.layers[:-1])
