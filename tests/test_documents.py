"""Reading source documents: encodings, .docx, unreadable files."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest

from citekit.documents import read_document
from citekit.errors import DocumentError

TEXT = "（来源：《丽水日报》2018-9-3）\n第二行"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", id="utf-8-bom"),
        pytest.param(TEXT.encode("gb18030"), "gb18030", id="gb18030"),
        pytest.param(TEXT.encode("gbk"), "gb18030", id="gbk"),
        pytest.param(TEXT.encode("utf-16"), "utf-16-le", id="utf-16-bom"),
        pytest.param(TEXT.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(TEXT.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8", id="crlf"),
    ],
)
def test_text_is_decoded_whatever_the_encoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.text == TEXT
    assert doc.encoding == encoding
    assert doc.lines[0] == "（来源：《丽水日报》2018-9-3）"


def test_binary_file_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff\xfe\x00")
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(path) in str(info.value)
    assert "binary" in str(info.value)


def test_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"nope\.txt"):
        read_document(tmp_path / "nope.txt")


def _docx(path: Path, paragraphs: list[str]) -> None:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", xml)


def test_docx_is_read_one_paragraph_per_line(tmp_path: Path) -> None:
    path = tmp_path / "bulletin.docx"
    _docx(path, ["标题", "正文", "（来源：新华社 2018-05-31）"])
    doc = read_document(path)
    assert doc.lines == ["标题", "正文", "（来源：新华社 2018-05-31）"]
    assert doc.encoding == "docx"


def test_broken_docx_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not a zip")
    with pytest.raises(DocumentError, match=r"broken\.docx"):
        read_document(path)
