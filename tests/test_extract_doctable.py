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
