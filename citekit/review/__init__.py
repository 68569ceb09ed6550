"""``citekit review``: the review page as a workbench where librarians correct records.

``workbench.py`` holds the operations on refs/ (no HTTP), ``page.py`` makes the page,
``server.py`` serves both on 127.0.0.1 behind a token, ``cache.py`` keeps parsed files and
the page between runs.
"""

from __future__ import annotations

from .cache import ReviewCache
from .page import warm_up
from .server import ReviewServer, serve, start_in_thread
from .workbench import ConflictError, Workbench

__all__ = [
    "ConflictError",
    "ReviewCache",
    "ReviewServer",
    "Workbench",
    "serve",
    "start_in_thread",
    "warm_up",
]
