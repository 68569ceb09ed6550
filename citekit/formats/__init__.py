"""Reference formats in and out: CSL-JSON (:mod:`.csljson`), BibTeX/BibLaTeX (:mod:`.bibtex`)."""
