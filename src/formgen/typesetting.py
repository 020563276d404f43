"""Typesetting of printed text: where a line must not break, and where a Kazakh word may.

No-break spaces (U+00A0) tie what a typesetter keeps on one line: "№ 12" and
"No. 12", a day and its month ("25 июня", "9 ақпан", "9 February"), a year
and "года" / "жылғы" / "жыл", initials and a surname ("Т. Исаев",
"Исаев Т. Б."); Babel already ties number groups ("1 214").  The rules are
the same in every language (their words do not collide), so one pass serves
every document, over the wording when templates are written and over the
values when a document is rendered.

Russian and English words break through pyphen's dictionaries (WeasyPrint's
``hyphens: auto``); Kazakh has no dictionary there, so its long words get
soft hyphens (U+00AD) at syllable boundaries by the rule of Kazakh
syllabification: a syllable ends before a consonant that a vowel follows and
between two vowels; "у" after a vowel, or opening a word before one, is the
glide [w], a consonant;
"ь" and "ъ" stay with the consonant before them.  A line never keeps or
carries a single letter.  Unused soft hyphens print nothing, and PDF text
extraction drops them.
"""

from __future__ import annotations

import functools
import re

NBSP = "\u00a0"
SOFT_HYPHEN = "\u00ad"

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOWER = "a-zа-яёәғқңөұүһі"
_INITIAL = rf"(?:Zh|Kh|Ts|Ch|Sh|Iu|Ia|[{_UPPER}])\."
"""An initial: a capital, or the Latin digraph of a transliterated Cyrillic one ("Zh.", "Kh.")."""

_RU_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_KK_MONTHS = "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

_TIES = (
    # "№ 12", "No. 12", the blank "№ ____", and a template's "№ {{ number }}"
    re.compile(r"(?<!\w)(№|No\.) (?=[\w«\"{])"),
    # a day (or its blank, or «25») and the month after it; Kazakh months take case endings
    re.compile(rf"(?<![\w.])(\d{{1,2}}|«\d{{1,2}}»|«_+») (?=(?:{_RU_MONTHS}|{_EN_MONTHS})\b|(?:{_KK_MONTHS}))"),
    # a year (or "20__") and the word that names it
    re.compile(r"(?<![\w.])(\d{4}|20_+) (?=(?:года|году|годом|г\.|жылғы|жыл|жылы|жылдан|жылға|жылдың)(?!\w))"),
    # an initial and the next initial or the surname: "Т. Исаев", "Ж. М.", "Zh. Kh."
    re.compile(rf"(?<![\w.])({_INITIAL}) (?=[{_UPPER}])"),
    # a surname and the initials after it: "Исаев Т.", "Madiev Zh."
    re.compile(rf"(?<![\w.])([{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?) (?={_INITIAL}(?:\s|{_INITIAL}|$))"),
)


@functools.lru_cache(maxsize=8192)
def tie(text: str) -> str:
    """text with no-break spaces where a line must not break (cached: a form's labels recur in every render)."""
    if " " not in text:
        return text
    for rule in _TIES:
        text = rule.sub(rf"\1{NBSP}", text)
    return text


# ----------------------------------------------------------------- Kazakh syllables

_VOWELS = frozenset("аәеёиоөуұүыіэюя")
_SIGNS = frozenset("ьъ")
_MIN_PART = 2
"""Letters a line keeps before a break and carries after it."""

_KAZAKH_WORD = re.compile(r"[а-яёәғқңөұүһі]+", re.IGNORECASE)


def _is_vowel(word: str, i: int) -> bool:
    letter = word[i].lower()
    if letter == "у" and (word[i - 1].lower() in _VOWELS if i else len(word) > 1 and word[1].lower() in _VOWELS):
        return False  # after a vowel, or opening a word before one, "у" is the glide [w]: а-уыр, шек-теу-лер, уа-қыт
    return letter in _VOWELS


def syllable_breaks(word: str) -> list[int]:
    """The positions in word (a run of Cyrillic letters) where a Kazakh syllable begins
    and a line may break, keeping at least two letters on each side."""
    vowel = [_is_vowel(word, i) for i in range(len(word))]
    breaks = []
    start = 0  # the current syllable's first letter
    for i in range(1, len(word)):
        if not any(vowel[start:i]):
            continue  # a syllable needs its vowel before the next may begin
        if vowel[i]:
            boundary = vowel[i - 1]  # two vowels: ги-я
        else:
            after = i + 1
            while after < len(word) and word[after].lower() in _SIGNS:
                after += 1
            boundary = word[i].lower() not in _SIGNS and after < len(word) and vowel[after]
        if boundary:
            breaks.append(i)
            start = i
    return [b for b in breaks if _MIN_PART <= b <= len(word) - _MIN_PART]


def _soft_hyphenated(match: re.Match[str]) -> str:
    word = match.group()
    if word.isupper():
        return word  # an abbreviation (ЖЕЖ, АЖ) is never broken
    pieces, last = [], 0
    for b in syllable_breaks(word):
        pieces.append(word[last:b])
        last = b
    pieces.append(word[last:])
    return SOFT_HYPHEN.join(pieces)


def hyphenate_kk(text: str) -> str:
    """Kazakh text with soft hyphens at the syllable boundaries of its words."""
    return _KAZAKH_WORD.sub(_soft_hyphenated, text)
