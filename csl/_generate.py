"""Write the four GB/T 7714 CSL styles in this directory (and their packaged copies).

The styles share one structure; they differ in punctuation (GB/T 7714-2025 uses full-width
，：；（） in every entry, Western ones too, with . [ ] / - half-width, and — in ranges of years
or issues: 1957—1990; 2015 keeps the half-width convention), in the case of
Latin family names (2015 upper-cases them, 2025 does not), in when the access date is printed
(2025: only web pages, data sets and preprints), and in the order of a standard's number and
title (2025 puts the number first).

Each style has two bibliography layouts and two citation layouts in the CSL-M manner: one with
``locale="en"`` for Western-language entries and a default one for Chinese entries. citeproc-py
knows only one layout, so ``citekit.render`` picks the layout per entry language.

Run ``python csl/_generate.py`` after editing; tests check that the files are up to date.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGED = HERE.parent / "citekit" / "render" / "csl"


@dataclass(frozen=True)
class Punct:
    """Punctuation of one language in one edition."""

    comma: str
    colon: str
    lparen: str
    rparen: str


HALF = Punct(", ", ": ", "(", ")")
FULL = Punct("，", "：", "（", "）")


@dataclass(frozen=True)
class Edition:
    """What differs between GB/T 7714-2015 and GB/T 7714-2025."""

    year: int
    zh: Punct
    en: Punct
    upper_family: bool
    #: CSL types whose access date is printed (2025: web pages, data sets, preprints only)
    accessed_types: str | None
    number_first_standard: bool
    #: report without publisher but online: "(date)[accessed]" (2015) or "date" (2025)
    report_online_parens: bool
    #: the dash of a range of years or of issues: 1957-1990 (2015), 1957—1990 (2025)
    range_dash: str
    #: data sets, software, preprints with a publisher: "place: publisher, year[accessed]" as
    #: any other electronic resource (2015, 4.8), or "publisher（date）[accessed]" (2025, B.13)
    data_as_book: bool
    #: a publisher without a place: "[出版地不详]" / "[S.l.]" (2015 8.4.1.3; an online
    #: resource may leave the place out); 2025 prints what is given
    place_unknown: bool


EDITIONS = {
    2015: Edition(2015, HALF, HALF, True, None, False, True, "-", True, True),
    2025: Edition(
        2025,
        FULL,
        # 2025 (著录用符号): full-width ，：；（） in Western, Japanese, Russian entries too
        FULL,
        False,
        "webpage post post-weblog dataset article document legislation bill",
        True,
        False,
        "—",
        False,
        False,
    ),
}

WEB_TYPES = "webpage post post-weblog"
BOOKISH = "book thesis report standard map collection manuscript classic pamphlet"


def _attr(**kw: str) -> str:
    return "".join(f' {k.replace("_", "-")}="{v}"' for k, v in kw.items())


def name_element(ed: Edition, p: Punct, *, et_al_min: int = 4, use_first: int = 3) -> str:
    """The cs:name used for every name list in the bibliography."""
    family = '<name-part name="family" text-case="uppercase"/>' if ed.upper_family else ""
    return (
        f'<name name-as-sort-order="all" sort-separator=" " initialize-with=" "'
        f' initialize-with-hyphen="{"true" if ed.year >= 2025 else "false"}"'
        f' delimiter="{p.comma}" delimiter-precedes-et-al="always"'
        f' et-al-min="{et_al_min}" et-al-use-first="{use_first}">{family}</name>'
        '<et-al term="et-al"/>'
        # CSL-M: literal (corporate) names are institutions, printed as written -- citeproc-js
        # would otherwise upper-case them with the family name-part (citekit never does)
        + ('<institution delimiter="{0}"/>'.format(p.comma) if ed.upper_family else "")
    )


def macros(ed: Edition, lang: str, p: Punct) -> str:
    """All macros of one layout language, suffixed with ``-{lang}``."""
    n = name_element(ed, p)
    s = lang
    acc_types = ed.accessed_types
    # the access date: [2014-06-11], of what was accessed online (has a URL, 获取和访问路径);
    # a DOI alone is an identifier (GB/T 7714 8.9), not an online access
    accessed_inner = (
        '<date variable="accessed" prefix="[" suffix="]">'
        '<date-part name="year"/><date-part name="month" form="numeric-leading-zeros" prefix="-"/>'
        '<date-part name="day" form="numeric-leading-zeros" prefix="-"/></date>'
    )
    if acc_types:
        accessed = (
            f'<choose><if type="{acc_types}" match="any"><choose><if variable="URL">'
            f"{accessed_inner}</if></choose></if></choose>"
        )
    else:
        accessed = f'<choose><if variable="URL">{accessed_inner}</if></choose>'
    dash = f' range-delimiter="{ed.range_dash}"'
    year_part = f'<date-part name="year"{dash}/>'
    iso = (
        f'<date variable="issued">{year_part}'
        f'<date-part name="month" form="numeric-leading-zeros" prefix="-"{dash}/>'
        f'<date-part name="day" form="numeric-leading-zeros" prefix="-"{dash}/></date>'
    )
    year = f'<date variable="issued">{year_part}</date>'
    # a numeric volume: 第 1 卷 in Chinese entries, vol. 1 in Western ones: other title
    # information starts in lower case there (GB/T 7714-2015 A.10: "Dublin Core metadata
    # element set: version 1.1", the source's "Version 1.1")
    vol_affixes = (
        '<text value="vol. "/><number variable="volume"/>'
        if lang == "en"
        else '<text value="第 "/><number variable="volume"/><text value=" 卷"/>'
    )
    vol_number = (
        # the branches are groups: citeproc-py threads an enclosing group's delimiter
        # through cs:choose into the children of the taken branch
        f'<choose><if is-numeric="volume"><group>{vol_affixes}</group></if>'
        '<else><text variable="volume"/></else></choose>'
    )
    if lang == "en":
        edition = (
            '<choose><if is-numeric="edition"><group delimiter=" ">'
            '<number variable="edition" form="ordinal"/><text term="edition" form="short"/>'
            '</group></if><else><text variable="edition"/></else></choose>'
        )
    else:
        edition = (
            '<choose><if is-numeric="edition"><group delimiter=" ">'
            '<number variable="edition"/><text term="edition" form="short"/>'
            '</group></if><else><text variable="edition"/></else></choose>'
        )
    standard_title = (
        '<group delimiter=" "><text variable="number"/><text variable="title"/></group>'
        if ed.number_first_standard
        else f'<group delimiter="{p.colon}"><text variable="title"/>'
        f'<text variable="number"/></group>'
    )

    if ed.place_unknown:
        # 8.4.1.3: 无出版地的中文文献著录“出版地不详”，外文文献著录“S.l.”，并置于方括号内;
        # 联机电子资源无出版地可以省略 (a URL is the online access; a DOI alone is not)
        unknown = "[出版地不详]" if lang == "zh" else "[S.l.]"
        place = (
            '<choose><if variable="publisher-place"><text variable="publisher-place"/></if>'
            '<else-if variable="publisher"><choose><if variable="URL" match="none">'
            f'<text value="{unknown}"/></if></choose></else-if></choose>'
        )
    else:
        place = '<text variable="publisher-place"/>'

    def holding(end: str) -> str:
        # one end of a serial's holdings: 1984，1（1） (year, volume (issue))
        return (
            f'<group><group delimiter="{p.comma}"><text variable="holdings-{end}-year"/>'
            f'<text variable="holdings-{end}-volume"/></group>'
            f'<text variable="holdings-{end}-issue" prefix="{p.lparen}" suffix="{p.rparen}"/>'
            "</group>"
        )

    return f"""
  <macro name="author-{s}">
    <choose>
      <if type="chapter paper-conference entry-dictionary entry-encyclopedia" match="any">
        <choose>
          <if variable="container-title event-title" match="any">
            <names variable="author">{n}</names>
          </if>
          <else>
            <names variable="author">{n}<substitute><names variable="editor"/></substitute></names>
          </else>
        </choose>
      </if>
      <else-if type="standard">
        {"" if ed.number_first_standard else f'<names variable="author">{n}</names>'}
      </else-if>
      <else>
        <names variable="author">{n}<substitute><names variable="editor"/>
          <text variable="authority"/></substitute></names>
      </else>
    </choose>
  </macro>
  <macro name="author-ad-{s}">
    <choose>
      <if type="chapter paper-conference entry-dictionary entry-encyclopedia" match="any">
        <choose>
          <if variable="container-title event-title" match="any">
            <names variable="author">{n}<substitute><text term="anonymous"/></substitute></names>
          </if>
          <else>
            <names variable="author">{n}<substitute><names variable="editor"/>
              <text term="anonymous"/></substitute></names>
          </else>
        </choose>
      </if>
      <else>
        <names variable="author">{n}<substitute><names variable="editor"/>
          <text variable="authority"/><text term="anonymous"/></substitute></names>
      </else>
    </choose>
  </macro>
  <macro name="year-ad-{s}">
    <choose>
      <if variable="issued">
        <group><date variable="issued">{year_part}</date>
          <text variable="year-suffix"/></group>
      </if>
      <else-if variable="accessed">
        <group prefix="[" suffix="]"><date variable="accessed">{year_part}</date>
          <text variable="year-suffix"/></group>
      </else-if>
    </choose>
  </macro>
  <macro name="iso-date-{s}">{iso}</macro>
  <macro name="year-{s}">{year}</macro>
  <macro name="accessed-{s}">{accessed}</macro>
  <macro name="type-code-{s}">
    <choose>
      <if type="article-journal article-magazine periodical" match="any"><text value="J"/></if>
      <else-if type="article-newspaper"><text value="N"/></else-if>
      <else-if type="paper-conference"><text value="C"/></else-if>
      <else-if type="thesis"><text value="D"/></else-if>
      <else-if type="report"><text value="R"/></else-if>
      <else-if type="standard"><text value="S"/></else-if>
      <else-if type="patent"><text value="P"/></else-if>
      <else-if type="map"><text value="CM"/></else-if>
      <else-if type="dataset"><text value="DS"/></else-if>
      <else-if type="collection manuscript" match="any"><text value="A"/></else-if>
      <else-if type="software"><text value="CP"/></else-if>
      <else-if type="{WEB_TYPES}" match="any"><text value="EB"/></else-if>
      <else-if type="article"><text value="{"PP" if ed.year >= 2025 else "Z"}"/></else-if>
      <else-if type="speech">
        <choose>
          <if variable="container-title"><text value="C"/></if>
          <else-if variable="URL"><text value="EB"/></else-if>
          <else><text value="Z"/></else>
        </choose>
      </else-if>
      <else-if type="book chapter classic entry-dictionary entry-encyclopedia" match="any">
        <text value="M"/></else-if>
      <else>
        <choose>
          <if variable="URL"><text value="EB"/></if>
          <else><text value="Z"/></else>
        </choose>
      </else>
    </choose>
  </macro>
  <macro name="type-{s}">
    <text value="["/><text macro="type-code-{s}"/>
    <choose>
      <if type="{WEB_TYPES}" match="any"><text value="/OL"/></if>
      <else-if variable="URL">
        <choose><if type="{WEB_TYPES}" match="any"><text value="/OL"/></if>
          <else-if type="speech legislation bill document" match="any">
            <choose><if variable="container-title"><text value="/OL"/></if>
              <else-if variable="URL"><text value="/OL"/></else-if></choose></else-if>
          <else><text value="/OL"/></else></choose>
      </else-if>
    </choose>
    <text value="]"/>
  </macro>
  <macro name="title-{s}">
    <choose>
      <if type="standard">{standard_title}</if>
      <else-if type="patent report legislation bill" match="any">
        <group delimiter="{p.colon}"><text variable="title"/><text variable="number"/></group>
      </else-if>
      <else-if type="manuscript">
        <group delimiter="{p.colon}">
          <text variable="title"/><text variable="archive_location"/>
        </group>
      </else-if>
      <else-if type="map">
        <group delimiter="{p.colon}"><text variable="title"/>{vol_number}</group>
        <text variable="scale" prefix=". "/>
      </else-if>
      <else-if type="book thesis collection classic" match="any">
        <group delimiter="{p.colon}"><text variable="title"/>{vol_number}</group>
      </else-if>
      <else><text variable="title"/></else>
    </choose>
  </macro>
  <macro name="translator-{s}">
    <names variable="translator">{n}<label form="short" prefix="{p.comma}"/></names>
  </macro>
  <macro name="edition-{s}">{edition}</macro>
  <macro name="container-{s}">
    <group delimiter=". ">
      <names variable="container-author">{n}<substitute><names variable="editor"/></substitute></names>
      <group delimiter="{p.colon}">
        <choose><if variable="container-title"><text variable="container-title"/></if>
          <else><text variable="event-title"/></else></choose>
        {vol_number}
      </group>
    </group>
  </macro>
  <macro name="publisher-{s}">
    <group delimiter="{p.colon}">
      <choose><if type="manuscript"><text variable="archive-place"/></if>
        <else>{place}</else></choose>
      <choose><if type="manuscript"><text variable="archive"/></if>
        <else><text variable="publisher"/></else></choose>
    </group>
  </macro>
  <macro name="pub-year-{s}">
    <choose>
      <if type="manuscript"><text macro="iso-date-{s}"/></if>
      <else><text macro="year-{s}"/></else>
    </choose>
  </macro>
  <macro name="pages-{s}">
    <choose><if variable="page"><text variable="page"/></if>
      <else-if type="article-journal article-magazine periodical" match="any">
        <text variable="number"/></else-if></choose>
  </macro>
  <macro name="holdings-{s}">
    <choose>
      <if variable="holdings-first-year holdings-first-volume holdings-first-issue" match="any">
        <group>
          {holding("first")}
          <choose><if variable="holdings-range"><text value="{ed.range_dash}"/></if></choose>
          {holding("last")}
        </group>
      </if>
      <else>
        <group><text variable="volume"/>
          <text variable="issue" prefix="{p.lparen}" suffix="{p.rparen}"/></group>
      </else>
    </choose>
  </macro>
  <macro name="link-{s}">
    <group delimiter=". ">
      <text variable="URL"/>
      <text variable="DOI" prefix="DOI:"/>
      <text variable="CSTR" prefix="CSTR:"/>
    </group>
  </macro>
"""


def publication(ed: Edition, s: str, p: Punct, ad: bool) -> str:
    """Everything after the title block, per type; ``ad`` drops the year of books etc."""
    year_after_pub = "" if ad else f'<text macro="pub-year-{s}"/>'
    if ad:
        # author-date: an archive keeps its full date at the end, books drop the year
        book_pub = (
            f'<group delimiter="{p.comma}"><text macro="publisher-{s}"/>'
            f'<choose><if type="manuscript"><text macro="iso-date-{s}"/></if></choose></group>'
        )
    else:
        book_pub = (
            f'<group delimiter="{p.comma}"><text macro="publisher-{s}"/>{year_after_pub}</group>'
        )
    book_tail = (
        f'<group><group delimiter="{p.colon}">{book_pub}<text macro="pages-{s}"/></group>'
        f'<text macro="accessed-{s}"/></group>'
    )
    journal_year = "" if ad else f'<text macro="year-{s}"/>'
    vol_issue = (
        f'<group><text variable="volume"/>'
        f'<text variable="issue" prefix="{p.lparen}" suffix="{p.rparen}"/></group>'
    )
    if ad:
        journal_core = (
            f'<group><group delimiter="{p.comma}"><text variable="container-title"/>'
            f'<text variable="volume"/></group>'
            f'<text variable="issue" prefix="{p.lparen}" suffix="{p.rparen}"/></group>'
        )
    else:
        journal_core = (
            f'<group delimiter="{p.comma}"><text variable="container-title"/>'
            f'<group>{journal_year}<choose><if variable="volume"><text value="{p.comma}"/>'
            f"</if></choose>{vol_issue}</group></group>"
        )
    web_date = (
        f'<group><text variable="publisher"/><choose><if variable="issued">'
        f'<text value="{p.lparen}"/><text macro="iso-date-{s}"/><text value="{p.rparen}"/>'
        f'</if></choose><text macro="accessed-{s}"/></group>'
    )
    data_date = (
        f'<choose><if variable="publisher publisher-place" match="any">{book_tail}</if>'
        f"<else>{web_date}</else></choose>"
        if ed.data_as_book
        else web_date
    )
    # a web page: site or publisher, then (updated)[accessed]: 浙江在线（2018-01-17）[2019-01-02]
    web_site = f"""
                <group>
                  <choose><if variable="publisher"><text variable="publisher"/></if>
                    <else><text variable="container-title"/></else></choose>
                  <text macro="web-date-{s}"/>
                </group>"""
    # a part published in a collection: ...[M]//editor. container. edition. place: publisher
    in_container = f"""
              <group delimiter=". ">
                <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
                <text macro="translator-{s}"/>
              </group>
              <text value="//"/>
              <choose>
                <if variable="publisher publisher-place" match="any">
                  <group delimiter=". ">
                    <text macro="container-{s}"/>
                    <text macro="edition-{s}"/>
                    {book_tail}
                  </group>
                </if>
                <else>
                  <group>
                    <group delimiter="{p.colon}">
                      <group delimiter="{p.comma}">
                        <text macro="container-{s}"/>{year_after_pub}
                      </group>
                      <text macro="pages-{s}"/>
                    </group>
                    <text macro="accessed-{s}"/>
                  </group>
                </else>
              </choose>"""
    return f"""
      <choose>
        <if type="chapter paper-conference entry-dictionary entry-encyclopedia" match="any">
          <choose>
            <if variable="container-title event-title" match="any">{in_container}</if>
            <else>
              <group delimiter=". ">
                <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
                <text macro="translator-{s}"/>
                <text macro="edition-{s}"/>
                {book_tail}
              </group>
            </else>
          </choose>
        </if>
        <else-if type="standard" variable="container-title" match="all">{in_container}</else-if>
        <else-if type="periodical">
          <!-- a serial as a whole: title[J]. holdings. place: publisher, years (GB/T 7714 8.x) -->
          <group delimiter=". ">
            <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
            <text macro="translator-{s}"/>
            <text macro="holdings-{s}"/>
            {book_tail}
          </group>
        </else-if>
        <else-if type="article-journal article-magazine" match="any">
          <group delimiter=". ">
            <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
            <text macro="translator-{s}"/>
            <group>
              <choose>
                <if variable="volume issue page number" match="any">
                  <group delimiter="{p.colon}">{journal_core}<text macro="pages-{s}"/></group>
                </if>
                <else>
                  <group delimiter="{p.comma}"><text variable="container-title"/>
                    <text macro="iso-date-{s}"/></group>
                </else>
              </choose>
              <text macro="accessed-{s}"/>
            </group>
          </group>
        </else-if>
        <else-if type="article-newspaper">
          <group delimiter=". ">
            <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
            <group>
              <group delimiter="{p.comma}"><text variable="container-title"/>
                <text macro="iso-date-{s}"/></group>
              <text variable="page" prefix="{p.lparen}" suffix="{p.rparen}"/>
              <text macro="accessed-{s}"/>
            </group>
          </group>
        </else-if>
        <else-if type="patent">
          <group delimiter=". ">
            <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
            <group><group delimiter="{p.colon}"><text macro="iso-date-{s}"/>
              <text variable="page"/></group><text macro="accessed-{s}"/></group>
          </group>
        </else-if>
        <else-if type="dataset article software" match="any">
          <group delimiter=". ">
            <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
            <text variable="version" prefix="V"/>
            {data_date}
          </group>
        </else-if>
        <else-if type="report">
          <group delimiter=". ">
            <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
            <text macro="translator-{s}"/>
            <choose>
              <if variable="publisher">{book_tail}</if>
              <else-if variable="URL">
                <group>{report_online_date(ed, s, p)}<text macro="accessed-{s}"/></group>
              </else-if>
              <else>{book_tail}</else>
            </choose>
          </group>
        </else-if>
        <else-if type="standard">{standard(ed, s, book_tail)}</else-if>
        <else-if type="{BOOKISH}" match="any">
          <group delimiter=". ">
            <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
            <text macro="translator-{s}"/>
            <text macro="edition-{s}"/>
            {book_tail}
            <text variable="dimensions"/>
          </group>
        </else-if>
        <else-if type="speech" variable="container-title" match="all">{in_container}</else-if>
        <else>
          <!-- web pages, and what is online or has no form of its own: speeches,
               legislation ([Z] unless online, then [EB/OL]) -->
          <group delimiter=". ">
            <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
            <choose>
              <if type="{WEB_TYPES}" match="any">{web_site}</if>
              <else-if variable="URL">{web_site}</else-if>
              <else>
                <group delimiter="{p.comma}">
                  <group delimiter="{p.colon}"><text variable="publisher-place"/>
                    <choose><if variable="publisher"><text variable="publisher"/></if>
                      <else-if variable="container-title"><text variable="container-title"/>
                      </else-if>
                      <else><text variable="event-title"/></else></choose></group>
                  <text macro="iso-date-{s}"/>
                </group>
              </else>
            </choose>
          </group>
        </else>
      </choose>"""


def standard(ed: Edition, s: str, book_tail: str) -> str:
    """A standard: 2025 ``标准编号 标准名称[S]. 获取和访问路径. DOI`` (no publication block);
    2015 ``标准名称：标准编号[S]. 出版地：出版者，出版年``."""
    if ed.number_first_standard:
        return (
            f'<group><text macro="title-{s}"/><text macro="type-{s}"/></group>'
        )
    return f"""
          <group delimiter=". ">
            <group><text macro="title-{s}"/><text macro="type-{s}"/></group>
            <choose>
              <if variable="publisher publisher-place" match="any">{book_tail}</if>
              <else><text macro="accessed-{s}"/></else>
            </choose>
          </group>"""


def report_online_date(ed: Edition, s: str, p: Punct) -> str:
    """A report published online without a publisher: its date alone."""
    if ed.report_online_parens:
        return f'<text value="{p.lparen}"/><text macro="iso-date-{s}"/><text value="{p.rparen}"/>'
    return f'<text macro="iso-date-{s}"/>'


def web_date_macro(s: str, p: Punct) -> str:
    """``(2012-05-03)[2013-03-25]``: update date in parentheses, then the access date."""
    return f"""
  <macro name="web-date-{s}">
    <group>
      <choose><if variable="issued">
        <text value="{p.lparen}"/><text macro="iso-date-{s}"/><text value="{p.rparen}"/>
      </if></choose>
      <choose><if variable="URL"><text macro="accessed-{s}"/></if></choose>
    </group>
  </macro>"""


def bib_layout(ed: Edition, lang: str, p: Punct, *, ad: bool, numeric: bool) -> str:
    """One cs:layout of the bibliography."""
    s = lang
    loc = ' locale="en"' if lang == "en" else ""
    label = '<text variable="citation-number" prefix="[" suffix="]"/>' if numeric and not ad else ""
    if ad:
        head = (
            f'<group delimiter="{p.comma}"><text macro="author-ad-{s}"/>'
            f'<text macro="year-ad-{s}"/></group>'
        )
    else:
        head = f'<text macro="author-{s}"/>'
    return f"""
    <layout{loc} suffix=".">
      {label}
      <group delimiter=". ">
        {head}
        <group>{publication(ed, s, p, ad)}
        </group>
        <text macro="link-{s}"/>
      </group>
    </layout>"""


def note_cite_layout(lang: str, p: Punct) -> str:
    """The short form of a note style: a source cited again (author. title[type]: page).

    The first citation of a source in a note is its full entry (the bibliography layout);
    ``citekit cite --notes`` uses this layout for every later one.
    """
    loc = ' locale="en"' if lang == "en" else ""
    return f"""
    <layout{loc} suffix=".">
      <group delimiter="{p.colon}">
        <group delimiter=". ">
          <text macro="author-{lang}"/>
          <group><text macro="title-{lang}"/><text macro="type-{lang}"/></group>
        </group>
        <text variable="locator"/>
      </group>
    </layout>"""


def cite_layout(ed: Edition, lang: str, p: Punct, *, ad: bool) -> str:
    """One cs:layout of the in-text citation."""
    loc = ' locale="en"' if lang == "en" else ""
    if not ad:
        return f"""
    <layout{loc} vertical-align="sup" prefix="[" suffix="]" delimiter=",">
      <text variable="citation-number"/>
    </layout>"""
    upper = '<name-part name="family" text-case="uppercase"/>' if ed.upper_family else ""
    # GB/T 7714 10.2: (于潇 等, 2012); several cites are separated by a semicolon; a page
    # locator goes after the parentheses (the renderer adds it)
    and_ = ' and="text"' if lang == "en" else ""
    semicolon = "；" if p is FULL else "; "
    return f"""
    <layout{loc} prefix="{p.lparen}" suffix="{p.rparen}" delimiter="{semicolon}">
      <group delimiter="{p.comma}">
        <names variable="author">
          <name form="short" et-al-min="3" et-al-use-first="1" delimiter="{p.comma}"
                delimiter-precedes-et-al="never"{and_}>{upper}</name>
          <et-al term="et-al"/>
          <substitute><names variable="editor"/><text variable="authority"/>
            <text term="anonymous"/></substitute>
        </names>
        <text macro="year-ad-{lang}"/>
      </group>
    </layout>"""


def style(ed: Edition, system: str) -> str:
    """The whole CSL file of one edition and citation system (numeric, author-date, note)."""
    ad = system == "author-date"
    note = system == "note"
    numeric = system == "numeric"
    title = f"GB/T 7714-{ed.year} " + {
        "numeric": "顺序编码制 (numeric)",
        "author-date": "著者-出版年制 (author-date)",
        "note": "注释 (footnotes)",
    }[system]
    sort = (
        ""
        if not ad
        else """
    <sort>
      <key variable="language"/>
      <key macro="author-ad-zh"/>
      <key variable="issued"/>
      <key variable="title"/>
    </sort>"""
    )
    body = "".join(
        macros(ed, lang, pn) + web_date_macro(lang, pn)
        for lang, pn in (("zh", ed.zh), ("en", ed.en))
    )
    second = ' second-field-align="flush"' if numeric else ""
    if note:
        cites = note_cite_layout("en", ed.en) + note_cite_layout("zh", ed.zh)
    else:
        cites = cite_layout(ed, "en", ed.en, ad=ad) + cite_layout(ed, "zh", ed.zh, ad=ad)
    disamb = ' disambiguate-add-year-suffix="true"' if ad else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by csl/_generate.py: edit that file, not this one. -->
<style xmlns="http://purl.org/net/xbiblio/csl" class="{"note" if note else "in-text"}" version="1.0"
       default-locale="zh-CN" demote-non-dropping-particle="never"
       page-range-format="expanded">
  <info>
    <title>{title}</title>
    <id>https://citekit.invalid/styles/gb-t-7714-{ed.year}-{system}</id>
    <category citation-format="{system}"/>
    <updated>2026-11-24T00:00:00+00:00</updated>
    <rights>MIT</rights>
  </info>
  <locale xml:lang="zh">
    <terms>
      <term name="anonymous">佚名</term>
      <term name="page-range-delimiter">-</term>
    </terms>
  </locale>
  <locale xml:lang="en">
    <terms>
      <term name="anonymous">Anon</term>
      <term name="et-al">et al.</term>
      <term name="edition" form="short">ed.</term>
      <term name="translator" form="short">trans.</term>
      <term name="page-range-delimiter">-</term>
    </terms>
  </locale>{body}
  <citation{disamb}>
    {cites}
  </citation>
  <bibliography entry-spacing="0"{second}>{sort}
    {bib_layout(ed, "en", ed.en, ad=ad, numeric=numeric)}
    {bib_layout(ed, "zh", ed.zh, ad=ad, numeric=numeric)}
  </bibliography>
</style>
"""


def generate() -> dict[str, str]:
    """File name -> CSL text for the six styles (two editions x three citation systems)."""
    out = {}
    for year, ed in EDITIONS.items():
        for system in ("numeric", "author-date", "note"):
            out[f"gb-t-7714-{year}-{system}.csl"] = style(ed, system)
    return out


def main() -> int:
    """Write the styles to csl/ and citekit/render/csl/."""
    PACKAGED.mkdir(parents=True, exist_ok=True)
    for name, text in generate().items():
        for d in (HERE, PACKAGED):
            (d / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
