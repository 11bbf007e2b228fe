"""Chinese numerals as used in article and chapter numbers (第二十五条)."""

DIGIT_CHARS = "零一二三四五六七八九"


def to_chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 25 → 二十五, 102 → 一百零二 (for 1 ≤ value ≤ 999)."""
    if not 0 < value < 1000:
        raise ValueError(f"out of range: {value}")
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    text = ""
    if hundreds:
        text += DIGIT_CHARS[hundreds] + "百"
        if tens == 0 and units:
            return text + "零" + DIGIT_CHARS[units]
    if tens:
        text += ("" if tens == 1 and not hundreds else DIGIT_CHARS[tens]) + "十"
    if units:
        text += DIGIT_CHARS[units]
    return text
