"""An attribution without a byline takes the reporters its article's lead names (记者 NAME in
brackets, 本报讯 记者…报道), as printed; a photo credit names no author, nor does 答记者问."""

from __future__ import annotations

import pytest

import citekit
from citekit.extract.leadreporters import lead_reporters
from citekit.extract.text import LineMap


@pytest.mark.parametrize(
    ("lead", "names"),
    [
        ("昆明信息港讯（昆明日报 记者王恩国）城市会迎来夜晚。", ("王恩国",)),
        ("國際在線報道(記者 陳宇):快節奏的生活", ("陳宇",)),
        ("〔記者楊金城/台南報導〕幫書找到好歸宿", ("楊金城",)),
        ("本报讯 记者何黄彪报道:北京夏令时9月3日", ("何黄彪",)),
        ("新华社记者黄扬、王腾、袁月明", ("黄扬", "王腾", "袁月明")),
        ("作者：本报记者 陈思静  来源：中国艺术报", ("陈思静",)),
        ("香港民建聯公布投票結果。（記者 羅嗣昱 制作 隋雨）", ("羅嗣昱",)),
        ("【作 者】方菲:北京大学新媒体研究院;叶冉玲、杨冀:武汉大学", ("方菲", "叶冉玲", "杨冀")),
        ("放暑假的孩子在这里阅读课外读物。(王立信 杨娜)", ("王立信", "杨娜")),
    ],
)
def test_the_lead_names_its_reporters(lead: str, names: tuple[str, ...]) -> None:
    assert lead_reporters(LineMap(lead), 1, 1) == names


@pytest.mark.parametrize(
    "lead",
    [
        "读者在古籍阅览室（4月11日摄）。新华社记者 王腾 摄",
        "有民眾(記者楊金城攝)",
        "外交部发言人答记者问",
    ],
)
def test_a_photo_credit_or_a_press_conference_names_no_author(lead: str) -> None:
    assert lead_reporters(LineMap(lead), 1, 1) == ()


def test_an_attribution_without_byline_takes_the_leads_reporters() -> None:
    text = (
        "阅读不打烊 五华“24小时城市书房”开放\n"
        "来源：昆明信息港\n"
        "昆明信息港讯（昆明日报 记者王恩国）城市会迎来夜晚，但阅读不会打烊。\n"
    )
    (ref,) = citekit.extract_text(text).references
    assert [a.display for a in ref.author] == ["王恩国"]


def test_a_name_after_the_sources_bar_is_its_author() -> None:
    text = "書香飄農戶,鄉村更美好\n來源:光明日報 | 胡印斌  2024年08月19日09:20\n"
    (ref,) = citekit.extract_text(text).references
    assert [a.display for a in ref.author] == ["胡印斌"]
    assert ref.issued is not None and ref.issued.iso() == "2024-08-19"
