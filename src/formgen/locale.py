"""Official date, quarter and number phrasing for forms in kk, ru and en.

Babel supplies the locale data (Russian genitive and English month names,
stand-alone month names, number symbols), but not the legal phrasing of
Kazakhstan's forms, and it has no Kazakh case endings for month names.
Both live here as data: ``_PHRASES`` and ``_BLANKS`` hold the wording per
language, ``_KK_MONTHS`` the Kazakh case table (see
``/work/shared/conventions.md``).  Output uses plain spaces (U+202F is
missing from several fonts); the no-break spaces a printed line needs are
typesetting's, added as a document is rendered (``typesetting.tie``).
"""

from __future__ import annotations

import decimal
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Literal, NamedTuple

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import NumberPattern, parse_pattern

__all__ = [
    "LANGUAGE_TAGS",
    "LANGS",
    "Lang",
    "blank_date",
    "blank_dated_number",
    "blank_number_date",
    "blank_period",
    "blank_quoted_date",
    "blank_since",
    "format_date",
    "format_dated_number",
    "format_for_quarter",
    "format_number",
    "format_number_date",
    "format_on_date",
    "format_period",
    "format_quarter",
    "format_quoted_date",
    "format_since",
    "quarter_bounds",
    "quarter_number",
    "quarter_months",
]

Lang = Literal["kk", "ru", "en"]
LANGS: tuple[Lang, ...] = ("kk", "ru", "en")

LANGUAGE_TAGS: dict[Lang, str] = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}
"""The language a word processor checks and hyphenates a document in (BCP 47); English as the
act's translation (001) spells it, British ("Labour", "familiarisation")."""

# Parsed once: Locale.parse and the month lookups are not free, and forms
# format thousands of dates and numbers.
_LOCALES: dict[str, Locale] = {lang: Locale.parse(lang) for lang in LANGS}


class _KkMonth(NamedTuple):
    """One Kazakh month in the five cases the forms need."""

    nom: str  # nominative: "2024 жылғы 25 маусым"
    loc: str  # locative (-да): "25 маусымда"
    attr: str  # attributive (-дағы): "25 маусымдағы № 101"
    abl: str  # ablative (-дан), used with "бастап" and in periods
    dat: str  # dative (-ға), used with "дейін"


# Babel has no Kazakh case forms; vowel harmony and consonant assimilation
# make them irregular enough that a checked table beats rules.
_KK_MONTHS: tuple[_KkMonth, ...] = (
    _KkMonth("қаңтар", "қаңтарда", "қаңтардағы", "қаңтардан", "қаңтарға"),
    _KkMonth("ақпан", "ақпанда", "ақпандағы", "ақпаннан", "ақпанға"),
    _KkMonth("наурыз", "наурызда", "наурыздағы", "наурыздан", "наурызға"),
    _KkMonth("сәуір", "сәуірде", "сәуірдегі", "сәуірден", "сәуірге"),
    _KkMonth("мамыр", "мамырда", "мамырдағы", "мамырдан", "мамырға"),
    _KkMonth("маусым", "маусымда", "маусымдағы", "маусымнан", "маусымға"),
    _KkMonth("шілде", "шілдеде", "шілдедегі", "шілдеден", "шілдеге"),
    _KkMonth("тамыз", "тамызда", "тамыздағы", "тамыздан", "тамызға"),
    _KkMonth("қыркүйек", "қыркүйекте", "қыркүйектегі", "қыркүйектен", "қыркүйекке"),
    _KkMonth("қазан", "қазанда", "қазандағы", "қазаннан", "қазанға"),
    _KkMonth("қараша", "қарашада", "қарашадағы", "қарашадан", "қарашаға"),
    _KkMonth("желтоқсан", "желтоқсанда", "желтоқсандағы", "желтоқсаннан", "желтоқсанға"),
)

# Month names in running text: Russian needs the genitive ("25 июня"), which
# is CLDR's format context (what ``format_date(d, "d MMMM y")`` prints).
_MONTHS_IN_DATE: dict[str, tuple[str, ...]] = {
    lang: tuple(get_month_names("wide", context="format", locale=_LOCALES[lang])[m] for m in range(1, 13))
    for lang in ("ru", "en")
}


def _capitalise(word: str) -> str:
    """Upper-case the first letter only (str.capitalize would touch the rest)."""
    return word[:1].upper() + word[1:]


# Column headings use the capitalised nominative; for ru/en that is CLDR's
# stand-alone context ("июль", not the genitive "июля").
_MONTH_HEADINGS: dict[str, tuple[str, ...]] = {
    "kk": tuple(_capitalise(m.nom) for m in _KK_MONTHS),
    **{
        lang: tuple(
            _capitalise(get_month_names("wide", context="stand-alone", locale=_LOCALES[lang])[m])
            for m in range(1, 13)
        )
        for lang in ("ru", "en")
    },
}

# The legal phrasing.  Fields: {day}, {year}, {number}, {quarter}; the month
# is {month} for ru/en and {month_<case>} for kk (a column of _KK_MONTHS).
# Periods prefix the start date's fields with s_ and the end's with e_.
_PHRASES: dict[str, dict[str, str]] = {
    "date": {
        "kk": "{year} жылғы {day} {month_nom}",
        "ru": "{day} {month} {year} года",
        "en": "{day} {month} {year}",
    },
    "dated_number": {
        "kk": "{year} жылғы {day} {month_attr} № {number}",
        "ru": "от {day} {month} {year} года № {number}",
        "en": "dated {day} {month} {year} No. {number}",
    },
    # Where a form asks for "the number and date" (Annexes 3 and 4): the number first, the Kazakh date
    # in the shape the Kazakh text gives the blank (seeds/000, lines 2119 and 2173).
    "number_date": {
        "kk": "№ {number} «{day}» {month_nom} {year} жыл",
        "ru": "№ {number} от {day} {month} {year} года",
        "en": "No. {number} of {day} {month} {year}",
    },
    "on_date": {
        "kk": "{year} жылғы {day} {month_loc}",
        "ru": "{day} {month} {year} года",
        "en": "on {day} {month} {year}",
    },
    "quoted_date": {
        "kk": "{year} жылғы «{day}» {month_nom}",
        "ru": "«{day}» {month} {year} года",
        "en": "{day} {month} {year}",
    },
    "since": {
        "kk": "{year} жылғы {day} {month_abl} бастап",
        "ru": "с {day} {month} {year} года",
        "en": "from {day} {month} {year}",
    },
    "period_same_month": {
        "kk": "{s_year} жылғы {s_day} {s_month_abl} {e_day} {e_month_dat} дейін",
        "ru": "с {s_day} по {e_day} {e_month} {e_year} года",
        "en": "from {s_day} to {e_day} {e_month} {e_year}",
    },
    "period_same_year": {
        "kk": "{s_year} жылғы {s_day} {s_month_abl} {e_day} {e_month_dat} дейін",
        "ru": "с {s_day} {s_month} по {e_day} {e_month} {e_year} года",
        "en": "from {s_day} {s_month} to {e_day} {e_month} {e_year}",
    },
    "period": {
        "kk": "{s_year} жылғы {s_day} {s_month_abl} {e_year} жылғы {e_day} {e_month_dat} дейін",
        "ru": "с {s_day} {s_month} {s_year} года по {e_day} {e_month} {e_year} года",
        "en": "from {s_day} {s_month} {s_year} to {e_day} {e_month} {e_year}",
    },
    # English as the 2024 translation of the Rules prints the reporting period ("___ quarter of 20__"):
    # the quarter as an ordinal, {nth}.
    "quarter": {
        "kk": "{year} жылғы {quarter}-тоқсан",
        "ru": "{quarter} квартал {year} года",
        "en": "{nth} quarter of {year}",
    },
    "for_quarter": {
        "kk": "{year} жылғы {quarter}-тоқсан үшін",
        "ru": "за {quarter} квартал {year} года",
        "en": "for the {nth} quarter of {year}",
    },
}

_EN_ORDINALS = ("1st", "2nd", "3rd", "4th")

# Blanks to fill in by hand, verbatim as the law prints them (underscores
# evened out).  The Kazakh text prints a date to fill in as «___» ____ 20__ жыл
# in the audit documents (seeds/000, lines 2013, 2020, 2070, 2119, 2124, 2175)
# and as 20__ жылғы «___» ____ by the stamp of a report (lines 1134, 1347, …);
# its blank period is two such dates (line 2020), its reporting period
# "20__ жылғы ___ тоқсан" (line 768).
_BLANK = {
    "kk": "«___» __________ 20__ жыл",
    "ru": "«___» __________ 20__ года",
    "en": "___ __________ 20__",
}
_BLANKS: dict[str, dict[str, str]] = {
    "date": dict(_BLANK),
    "quoted_date": {**_BLANK, "kk": "20__ жылғы «___» __________"},
    "period": {
        "kk": f"{_BLANK['kk']} {_BLANK['kk']}",
        "ru": f"с {_BLANK['ru']} по {_BLANK['ru']}",
        "en": f"from {_BLANK['en']} to {_BLANK['en']}",
    },
    "since": {
        "kk": f"{_BLANK['kk']}дан бастап",
        "ru": f"с {_BLANK['ru']}",
        "en": f"from {_BLANK['en']}",
    },
    "quarter": {
        "kk": "20__ жылғы ___ тоқсан",
        "ru": "___ квартал 20__ года",
        "en": "___ quarter of 20__",
    },
    "dated_number": {
        "kk": f"{_BLANK['kk']}ғы № ____",
        "ru": f"от {_BLANK['ru']} № ____",
        "en": f"dated {_BLANK['en']} No. ____",
    },
    "number_date": {
        "kk": f"№ ____ {_BLANK['kk']}",
        "ru": f"№ ____ от {_BLANK['ru']}",
        "en": f"No. ____ of {_BLANK['en']}",
    },
}


def _check_lang(lang: str) -> str:
    """Fail loudly: a silent fallback would print a form in the wrong language."""
    if not isinstance(lang, str) or lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


def _check_quarter(quarter: int) -> int:
    """Quarters are 1..4; bools and floats are rejected so typos do not pass."""
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be an integer from 1 to 4, got {quarter!r}")
    return quarter


def _date_fields(d: date, lang: str, prefix: str = "") -> dict[str, object]:
    """The template fields of one date: day, year and the month in every form the language needs."""
    fields: dict[str, object] = {f"{prefix}day": d.day, f"{prefix}year": d.year}
    if lang == "kk":
        row = _KK_MONTHS[d.month - 1]
        fields.update({f"{prefix}month_{case}": form for case, form in row._asdict().items()})
    else:
        fields[f"{prefix}month"] = _MONTHS_IN_DATE[lang][d.month - 1]
    return fields


def _phrase(kind: str, lang: str, **fields: object) -> str:
    return _PHRASES[kind][_check_lang(lang)].format(**fields)


def format_date(d: date, lang: Lang) -> str:
    """A date as the forms print it: kk "2024 жылғы 25 маусым", ru "25 июня 2024 года"."""
    return _phrase("date", lang, **_date_fields(d, _check_lang(lang)))


def format_dated_number(d: date, number: str, lang: Lang) -> str:
    """Reference to a numbered document: kk "... маусымдағы № 101", ru "от ... № 101"."""
    return _phrase("dated_number", lang, number=number, **_date_fields(d, _check_lang(lang)))


def format_number_date(d: date, number: str, lang: Lang) -> str:
    """A document by its number and date, number first, as the forms that ask for "the number and date"
    print it: ru "№ 14-05/112 от 9 февраля 2026 года", en "No. 14-05/112 of 9 February 2026"."""
    return _phrase("number_date", lang, number=number, **_date_fields(d, _check_lang(lang)))


def format_on_date(d: date, lang: Lang) -> str:
    """When something happened: kk needs the locative ("25 маусымда"), en "on"."""
    return _phrase("on_date", lang, **_date_fields(d, _check_lang(lang)))


def format_quoted_date(d: date, lang: Lang) -> str:
    """Signature-line date with the day in «» (kk/ru), as on official forms."""
    return _phrase("quoted_date", lang, **_date_fields(d, _check_lang(lang)))


def format_period(start: date, end: date, lang: Lang) -> str:
    """A date range; the year (and the month, in ru and en) is said once when both ends share it."""
    _check_lang(lang)
    if end < start:
        raise ValueError(f"period ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    if start.year != end.year:
        kind = "period"
    else:
        kind = "period_same_month" if start.month == end.month else "period_same_year"
    return _phrase(kind, lang, **_date_fields(start, lang, "s_"), **_date_fields(end, lang, "e_"))


def format_since(d: date, lang: Lang) -> str:
    """Start of validity: kk ablative + "бастап", ru "с", en "from"."""
    return _phrase("since", lang, **_date_fields(d, _check_lang(lang)))


def blank_date(lang: Lang) -> str:
    """The law's blank date for filling in by hand."""
    return _BLANKS["date"][_check_lang(lang)]


def blank_quoted_date(lang: Lang) -> str:
    """The law's blank date by a report's signature and stamp (kk "20__ жылғы «___» ____")."""
    return _BLANKS["quoted_date"][_check_lang(lang)]


def blank_period(lang: Lang) -> str:
    """The law's blank period for filling in by hand."""
    return _BLANKS["period"][_check_lang(lang)]


def blank_since(lang: Lang) -> str:
    """The law's blank start date for filling in by hand."""
    return _BLANKS["since"][_check_lang(lang)]


def blank_dated_number(lang: Lang) -> str:
    """The law's blank document reference (date and number) for filling in by hand."""
    return _BLANKS["dated_number"][_check_lang(lang)]


def blank_number_date(lang: Lang) -> str:
    """The law's blank "number and date" of a document, the number first."""
    return _BLANKS["number_date"][_check_lang(lang)]


def blank_quarter(lang: Lang) -> str:
    """The law's blank reporting period of a quarterly report."""
    return _BLANKS["quarter"][_check_lang(lang)]


def quarter_number(quarter: int, lang: Lang) -> str:
    """The quarter's number as a form prints it: kk/ru "3" (the phrase adds "-тоқсан" / "квартал"), en "3rd"."""
    _check_quarter(quarter)
    return _EN_ORDINALS[quarter - 1] if _check_lang(lang) == "en" else str(quarter)


def format_quarter(year: int, quarter: int, lang: Lang) -> str:
    """Quarter heading; CLDR's kk quarter names mix Cyrillic І and Latin IV, so not used."""
    return _phrase("quarter", lang, year=year, quarter=_check_quarter(quarter), nth=quarter_number(quarter, lang))


def format_for_quarter(year: int, quarter: int, lang: Lang) -> str:
    """"For the quarter" as in report titles: kk "... үшін", ru "за ...", en "for the ... quarter of ..."."""
    return _phrase("for_quarter", lang, year=year, quarter=_check_quarter(quarter), nth=quarter_number(quarter, lang))


def quarter_months(quarter: int, lang: Lang) -> tuple[str, str, str]:
    """Capitalised nominative month names for a quarter's column headings."""
    first = 3 * (_check_quarter(quarter) - 1)
    names = _MONTH_HEADINGS[_check_lang(lang)]
    return (names[first], names[first + 1], names[first + 2])


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter, for reporting-period fields."""
    first_month = 3 * (_check_quarter(quarter) - 1) + 1
    start = date(year, first_month, 1)
    next_start = date(year + 1, 1, 1) if quarter == 4 else date(year, first_month + 3, 1)
    return start, next_start - timedelta(days=1)


@lru_cache(maxsize=32)
def _number_pattern(places: int) -> NumberPattern:
    """Parsed once per number of decimal places; parsing costs more than applying."""
    return parse_pattern("#,##0" + ("." + "0" * places if places else ""))


# An integer needs no Babel call per number (~9 µs each, and a filled 1-mk has hundreds):
# Python groups its digits by three, as "#,##0" does in kk, ru and en, and the
# locale's group and minus symbols replace Python's.  A test holds it equal to Babel.
_INT_SYMBOLS: dict[str, tuple[str, str]] = {
    lang: (_LOCALES[lang].number_symbols["latn"]["group"], _LOCALES[lang].number_symbols["latn"]["minusSign"])
    for lang in LANGS
}


def format_number(n: int | Decimal, lang: Lang) -> str:
    """Grouped number with the locale's symbols; Decimals keep their places (amounts keep "…,00").

    kk/ru: "1 234 567,89" with U+00A0; en: "1,234,567.89".  Floats are refused,
    since binary floats cannot keep the places an amount was entered with.
    """
    if type(n) is int and lang in _INT_SYMBOLS:  # the common case first: a report's counts
        group, minus = _INT_SYMBOLS[lang]
        return (minus if n < 0 else "") + f"{abs(n):,}".replace(",", group)
    locale = _LOCALES[_check_lang(lang)]
    if isinstance(n, bool) or not isinstance(n, (int, Decimal)):
        raise TypeError(f"format_number takes an int or Decimal, got {type(n).__name__}")
    if isinstance(n, int):  # a subclass of int
        return format_number(int(n), lang)
    value = Decimal(n)
    if not value.is_finite():
        raise ValueError(f"cannot format non-finite number {n!r}")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, so not 'n'/'N'/'F'
    places = -exponent if exponent < 0 else 0
    # Babel quantizes in the current decimal context; give it enough precision
    # for any amount instead of the default 28 digits.
    with decimal.localcontext() as ctx:
        ctx.prec = max(ctx.prec, value.adjusted() + places + 2)
        return _number_pattern(places).apply(value, locale)
