"""Entry types, languages and field tables: CSL <-> BibTeX/BibLaTeX (data only)."""

from __future__ import annotations

import re

# ------------------------------------------------------------------------------- type tables

# CSL type -> (BibTeX entry type, BibLaTeX entry type, entrysubtype)
_OUT_TYPES: dict[str, tuple[str, str, str | None]] = {
    "article-journal": ("article", "article", None),
    "article-magazine": ("article", "article", "magazine"),
    "article-newspaper": ("newspaper", "newspaper", None),
    "article": ("preprint", "preprint", None),
    "paper-conference": ("inproceedings", "inproceedings", None),
    "book": ("book", "book", None),
    "chapter": ("incollection", "incollection", None),
    "entry-encyclopedia": ("incollection", "inreference", None),
    "entry-dictionary": ("incollection", "inreference", None),
    "thesis": ("phdthesis", "thesis", None),
    "report": ("techreport", "report", None),
    "webpage": ("online", "online", None),
    "post": ("online", "online", None),
    "post-weblog": ("online", "online", None),
    "legislation": ("misc", "legislation", None),
    "regulation": ("misc", "legislation", None),
    "standard": ("standard", "standard", None),
    "patent": ("patent", "patent", None),
    "dataset": ("dataset", "dataset", None),
    "software": ("misc", "software", None),
    "periodical": ("periodical", "periodical", None),
    "manuscript": ("unpublished", "unpublished", None),
    "personal_communication": ("misc", "letter", None),
    "map": ("map", "map", None),
    "graphic": ("misc", "image", None),
    "motion_picture": ("misc", "video", None),
    "pamphlet": ("booklet", "booklet", None),
}
# BibTeX/BibLaTeX entry type -> CSL type (``@article`` also looks at entrysubtype).
_IN_TYPES: dict[str, str] = {
    "article": "article-journal",
    "newspaper": "article-newspaper",
    "preprint": "article",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "mvproceedings": "book",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "manual": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "inreference": "entry-encyclopedia",
    "reference": "book",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "report": "report",
    "techreport": "report",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "webpage": "webpage",
    "legislation": "legislation",
    "jurisdiction": "legal_case",
    "standard": "standard",
    "patent": "patent",
    "dataset": "dataset",
    "database": "dataset",
    "software": "software",
    "program": "software",
    "periodical": "periodical",
    "unpublished": "manuscript",
    "letter": "personal_communication",
    "map": "map",
    "image": "graphic",
    "artwork": "graphic",
    "video": "motion_picture",
    "movie": "motion_picture",
    "audio": "song",
    "music": "song",
    "booklet": "pamphlet",
    "archive": "manuscript",
    "misc": "document",
}
_SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}
_PERIODICAL = frozenset(["article-journal", "article-magazine", "article-newspaper", "article"])
_IN_BOOK = frozenset(["chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"])
_WEB = frozenset(["webpage", "post", "post-weblog"])

# CSL language <-> babel language name in ``langid`` (read by both GB/T 7714 packages).
_LANGID_OUT = {
    "zh": "chinese",
    "zh-CN": "chinese",
    "en": "english",
    "en-US": "american",
    "en-GB": "british",
    "ja": "japanese",
    "ru": "russian",
    "fr": "french",
    "de": "german",
    "ko": "korean",
}
_LANGID_IN = {
    "chinese": "zh-CN",
    "english": "en",
    "american": "en-US",
    "USenglish": "en-US",
    "british": "en-GB",
    "UKenglish": "en-GB",
    "japanese": "ja",
    "russian": "ru",
    "french": "fr",
    "german": "de",
    "ngerman": "de",
    "korean": "ko",
}
# Scalar CSL variables with a BibTeX field of their own (beyond the model's declared fields).
_EXTRA_TEXT = {
    "ISBN": "isbn",
    "ISSN": "issn",
    "abstract": "abstract",
    "keyword": "keywords",
    "title-short": "shorttitle",
    "container-title-short": "shortjournal",
    "version": "version",
    "scale": "scale",
    "dimensions": "dimensions",
}
_VERBATIM = frozenset(["url", "doi", "eprint", "file"])
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_FIELD_RE = re.compile(r"^[a-z][a-z0-9_.:+-]*$")
_KEY_RE = re.compile(r"""^[^\s,{}()"#%'=\\~]+$""")
# Field order in the output, for people reading it; anything else follows in its own order.
_ORDER = [
    "entrysubtype",
    "author",
    "editor",
    "translator",
    "title",
    "shorttitle",
    "journal",
    "journaltitle",
    "shortjournal",
    "booktitle",
    "eventtitle",
    "venue",
    "howpublished",
    "organization",
    "series",
    "edition",
    "type",
    "volume",
    "number",
    "issue",
    "pages",
    "address",
    "location",
    "publisher",
    "institution",
    "school",
    "year",
    "month",
    "date",
    "urldate",
    "url",
    "doi",
    "isbn",
    "issn",
    "langid",
    "language",
    "note",
]

# CSL name variable -> BibTeX/BibLaTeX name field
_NAME_FIELDS = (
    ("author", "author"),
    ("editor", "editor"),
    ("translator", "translator"),
    ("container-author", "bookauthor"),
)
# letters and documents that are archive items when they name their archive
_ARCHIVE_TYPES = frozenset(["manuscript", "personal_communication", "document", "letter"])
