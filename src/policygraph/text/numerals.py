"""Reading numbers as Chinese documents print them: 一…九十九, full-width and half-width digits."""

from __future__ import annotations

import re

_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_NUMERAL = "[一二三四五六七八九十百零〇两]+"
_CHINESE_RE = re.compile(f"^{CHINESE_NUMERAL}$")


def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; None when not a numeral."""
    if not text or not _CHINESE_RE.match(text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def int_to_chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (up to 99; section numbers never go further)."""
    names = "零一二三四五六七八九"
    if n < 10:
        return names[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")


def digits_to_int(text: str) -> int:
    """Full-width or half-width digits as an int."""
    return int(text.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}))
