"""``python -m citekit``: the same command line as the ``citekit`` script."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
