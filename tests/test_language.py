"""Issue 21 item 8: language detection never calls text in another script English (it used to call Chinese,
Japanese and Korean English: too short for the model, or too unsure, and English was the default)."""

from __future__ import annotations

import pytest

from sitreps.language import detect_language

CHINESE = "俄罗斯军队周二向哈尔科夫发射了12枚导弹，造成三人死亡，至少20人受伤，地区州长说。乌克兰空军表示击落了其中九枚。"
JAPANESE = "ロシア軍は火曜日にハリコフに12発のミサイルを発射し、3人が死亡、少なくとも20人が負傷したと地域知事が述べた。"
KOREAN = "러시아군은 화요일 하르키우에 미사일 12발을 발사해 3명이 숨지고 최소 20명이 다쳤다고 주지사가 밝혔다."
RUSSIAN = "Российские войска во вторник выпустили по Харькову 12 ракет, погибли три человека, заявил губернатор."
ARABIC = "أطلقت القوات الروسية يوم الثلاثاء 12 صاروخا على خاركيف مما أسفر عن مقتل ثلاثة أشخاص، حسبما قال الحاكم."


@pytest.mark.parametrize("text,expected", [
    (CHINESE, {"zh"}), (CHINESE * 4, {"zh"}), (JAPANESE, {"ja"}), (KOREAN, {"ko"}),
    (RUSSIAN, {"ru", "uk", "bg", "mk", "sr", "be"}), (ARABIC, {"ar", "fa", "ur"}),
])
def test_text_in_another_script_is_never_english(text, expected):
    assert detect_language(text)[0] in expected


def test_chinese_with_english_names_in_it_is_still_chinese():
    text = CHINESE[:30] + " Reuters Kharkiv Ukraine " + CHINESE[30:]
    assert detect_language(text)[0] == "zh"


def test_english_with_a_few_foreign_names_is_english():
    text = ("Officials in Kharkiv said on Tuesday that 12 missiles struck the city, and the mayor, Ігор Терехов, "
            "called it the heaviest attack this month; residents of 北京 followed the news.")
    assert detect_language(text)[0] == "en"


def test_a_short_english_headline_stays_english():
    assert detect_language("Missiles hit Kharkiv")[0] == "en"
