"""A table of documents (序号 | 文件名称 | 文号 | 发文机关 | 日期): its header row names the
columns, and each row under it is one document — title, 文号, issuing body and date read from
their columns; a dash is a value not printed."""

from __future__ import annotations

from citekit.documents import Document
from citekit.extract import extract_document
from citekit.model import Reference

TABLE = """\
教育政策文件汇编

序号 | 文件名称 | 文号 | 发文机关 | 日期
1 | 国务院关于深化考试招生制度改革的实施意见 | 国发〔2014〕35号 | 国务院 | 2014.09.03
2 | 教育部关于加强家庭教育工作的指导意见 | — | 教育部 | —
3 | 校外培训机构管理办法 | 教发[2021]8号 | 教育部　财政部 | 2021年6月1日

以上文件全文见教育部网站。
"""


def _refs(text: str) -> list[Reference]:
    return list(extract_document(Document("table.txt", text, "utf-8")).references)


def test_each_row_is_one_document_with_its_columns() -> None:
    got = [
        (r.provenance[0].start_line, r.type, r.title, r.number, r.authority, str(r.issued))
        for r in _refs(TABLE)
    ]
    assert got == [
        (
            4,
            "legislation",
            "国务院关于深化考试招生制度改革的实施意见",
            "国发〔2014〕35号",
            "国务院",
            "2014-09-03",
        ),
        (5, "legislation", "教育部关于加强家庭教育工作的指导意见", None, "教育部", "None"),
        (6, "legislation", "校外培训机构管理办法", "教发[2021]8号", "教育部 财政部", "2021-06-01"),
    ]


def test_a_table_without_a_document_column_is_not_read() -> None:
    text = "地区 | 人口 | 日期\n北京 | 2189万 | 2023.01.01\n"
    assert _refs(text) == []


BLOCKS = """\
农业政策文件选编

序号 | 文件名称 | 文号 | 发文机关 | 日期
1 | 国务院关于促进乡村产业振兴的指导意见 | 国发〔2019〕12号 | 国务院 | 2019.06.17

◆东北黑土地保护性耕作行动计划
　农业农村部、财政部联合印发（2020年）
　要点：到2025年保护性耕作实施面积达到1.4亿亩。

◆高标准农田建设规划（2021—2030）
　发文单位：农业农村部　　印发时间：2021年9月

◆关于印发《农田建设项目管理办法》的通知
　（农业农村部文件）

四川省人民政府关于加快建设现代农业园区的实施意见
川府发„2018‟16号
"""


def test_a_digest_lists_documents_as_blocks_under_an_ornament() -> None:
    got = {r.title: (r.authority, str(r.issued)) for r in _refs(BLOCKS)}
    assert got["东北黑土地保护性耕作行动计划"] == ("农业农村部、财政部", "2020")  # not 要点's 2025
    assert got["高标准农田建设规划（2021—2030）"] == ("农业农村部", "2021-09")
    assert got["关于印发《农田建设项目管理办法》的通知"] == ("农业农村部", "None")
    assert "农田建设项目管理办法" not in got  # the notice is listed, not what it issues


def test_a_document_number_in_the_quote_brackets_of_pdf_text() -> None:
    refs = [r for r in _refs(BLOCKS) if r.number == "川府发„2018‟16号"]
    assert [r.title for r in refs] == ["四川省人民政府关于加快建设现代农业园区的实施意见"]
