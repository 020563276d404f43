"""Tests for formgen.locale: the expected strings are the checked official
phrasing from /work/shared/conventions.md, typed out here independently of
the module's tables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel.dates import format_date as babel_format_date
from babel.dates import get_month_names

from formgen import locale as L
from formgen.locale import (
    LANGS,
    blank_date,
    blank_dated_number,
    blank_number_date,
    blank_period,
    blank_quoted_date,
    blank_since,
    format_date,
    format_dated_number,
    format_for_quarter,
    format_number,
    format_number_date,
    format_on_date,
    format_period,
    format_quarter,
    format_quoted_date,
    format_since,
    quarter_bounds,
    quarter_months,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
D = date(2024, 6, 25)


def test_langs() -> None:
    assert LANGS == ("kk", "ru", "en")


# --- every function in every language, exact strings -----------------------

CASES = [
    # (function, args, {lang: expected})
    (format_date, (D,), {"kk": "2024 жылғы 25 маусым", "ru": "25 июня 2024 года", "en": "25 June 2024"}),
    (
        format_dated_number,
        (D, "101"),
        {
            "kk": "2024 жылғы 25 маусымдағы № 101",
            "ru": "от 25 июня 2024 года № 101",
            "en": "dated 25 June 2024 No. 101",
        },
    ),
    (format_on_date, (D,), {"kk": "2024 жылғы 25 маусымда", "ru": "25 июня 2024 года", "en": "on 25 June 2024"}),
    (
        format_quoted_date,
        (D,),
        {"kk": "2024 жылғы «25» маусым", "ru": "«25» июня 2024 года", "en": "25 June 2024"},
    ),
    (
        format_period,
        (date(2024, 7, 1), date(2024, 7, 31)),
        {
            "kk": "2024 жылғы 1 шілдеден 31 шілдеге дейін",
            "ru": "с 1 по 31 июля 2024 года",
            "en": "from 1 to 31 July 2024",
        },
    ),
    (
        format_since,
        (date(2026, 2, 10),),
        {"kk": "2026 жылғы 10 ақпаннан бастап", "ru": "с 10 февраля 2026 года", "en": "from 10 February 2026"},
    ),
    (blank_date, (), {"kk": "«___» __________ 20__ жыл", "ru": "«___» __________ 20__ года", "en": "___ __________ 20__"}),
    (
        blank_quoted_date,
        (),
        {"kk": "20__ жылғы «___» __________", "ru": "«___» __________ 20__ года", "en": "___ __________ 20__"},
    ),
    (
        blank_period,
        (),
        {
            "kk": "«___» __________ 20__ жыл «___» __________ 20__ жыл",
            "ru": "с «___» __________ 20__ года по «___» __________ 20__ года",
            "en": "from ___ __________ 20__ to ___ __________ 20__",
        },
    ),
    (
        blank_since,
        (),
        {"kk": "«___» __________ 20__ жылдан бастап", "ru": "с «___» __________ 20__ года", "en": "from ___ __________ 20__"},
    ),
    (
        blank_dated_number,
        (),
        {
            "kk": "«___» __________ 20__ жылғы № ____",
            "ru": "от «___» __________ 20__ года № ____",
            "en": "dated ___ __________ 20__ No. ____",
        },
    ),
    (
        blank_number_date,
        (),
        {
            "kk": "№ ____ «___» __________ 20__ жыл",
            "ru": "№ ____ от «___» __________ 20__ года",
            "en": "No. ____ of ___ __________ 20__",
        },
    ),
    (
        format_number_date,
        (date(2026, 2, 9), "14-05/112"),
        {
            "kk": "№ 14-05/112 «9» ақпан 2026 жыл",
            "ru": "№ 14-05/112 от 9 февраля 2026 года",
            "en": "No. 14-05/112 of 9 February 2026",
        },
    ),
    (
        format_period,
        (date(2026, 3, 11), date(2026, 3, 24)),
        {
            "kk": "2026 жылғы 11 наурыздан 24 наурызға дейін",
            "ru": "с 11 по 24 марта 2026 года",
            "en": "from 11 to 24 March 2026",
        },
    ),
    (format_quarter, (2025, 3), {"kk": "2025 жылғы 3-тоқсан", "ru": "3 квартал 2025 года", "en": "3rd quarter of 2025"}),
    (
        format_for_quarter,
        (2025, 3),
        {"kk": "2025 жылғы 3-тоқсан үшін", "ru": "за 3 квартал 2025 года", "en": "for the 3rd quarter of 2025"},
    ),
    (quarter_months, (3,), {"kk": ("Шілде", "Тамыз", "Қыркүйек"), "ru": ("Июль", "Август", "Сентябрь"), "en": ("July", "August", "September")}),
    (format_number, (1234567,), {"kk": f"1{NBSP}234{NBSP}567", "ru": f"1{NBSP}234{NBSP}567", "en": "1,234,567"}),
    (
        format_number,
        (Decimal("1234567.89"),),
        {"kk": f"1{NBSP}234{NBSP}567,89", "ru": f"1{NBSP}234{NBSP}567,89", "en": "1,234,567.89"},
    ),
]


@pytest.mark.parametrize(
    "func, args, lang, expected",
    [(f, a, lang, exp[lang]) for f, a, exp in CASES for lang in LANGS],
    ids=lambda v: getattr(v, "__name__", None) if callable(v) else None,
)
def test_official_phrasing(func, args, lang, expected) -> None:
    assert func(*args, lang) == expected


# --- format_period across a year boundary -------------------------------------


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("kk", "2024 жылғы 1 желтоқсаннан 2025 жылғы 31 қаңтарға дейін"),
        ("ru", "с 1 декабря 2024 года по 31 января 2025 года"),
        ("en", "from 1 December 2024 to 31 January 2025"),
    ],
)
def test_period_across_years(lang: str, expected: str) -> None:
    assert format_period(date(2024, 12, 1), date(2025, 1, 31), lang) == expected


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("kk", "2025 жылғы 10 наурыздан 10 наурызға дейін"),
        ("ru", "с 10 по 10 марта 2025 года"),
        ("en", "from 10 to 10 March 2025"),
    ],
)
def test_one_day_period(lang: str, expected: str) -> None:
    assert format_period(date(2025, 3, 10), date(2025, 3, 10), lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_period_end_before_start(lang: str) -> None:
    with pytest.raises(ValueError, match="before it starts"):
        format_period(date(2025, 2, 1), date(2025, 1, 31), lang)


# --- Kazakh month case endings: all 12 months, each case ----------------------

# nominative, locative, attributive, ablative, dative (from conventions.md)
KK_MONTHS = [
    ("қаңтар", "қаңтарда", "қаңтардағы", "қаңтардан", "қаңтарға"),
    ("ақпан", "ақпанда", "ақпандағы", "ақпаннан", "ақпанға"),
    ("наурыз", "наурызда", "наурыздағы", "наурыздан", "наурызға"),
    ("сәуір", "сәуірде", "сәуірдегі", "сәуірден", "сәуірге"),
    ("мамыр", "мамырда", "мамырдағы", "мамырдан", "мамырға"),
    ("маусым", "маусымда", "маусымдағы", "маусымнан", "маусымға"),
    ("шілде", "шілдеде", "шілдедегі", "шілдеден", "шілдеге"),
    ("тамыз", "тамызда", "тамыздағы", "тамыздан", "тамызға"),
    ("қыркүйек", "қыркүйекте", "қыркүйектегі", "қыркүйектен", "қыркүйекке"),
    ("қазан", "қазанда", "қазандағы", "қазаннан", "қазанға"),
    ("қараша", "қарашада", "қарашадағы", "қарашадан", "қарашаға"),
    ("желтоқсан", "желтоқсанда", "желтоқсандағы", "желтоқсаннан", "желтоқсанға"),
]


@pytest.mark.parametrize("month, forms", list(enumerate(KK_MONTHS, start=1)), ids=[m[0] for m in KK_MONTHS])
def test_kazakh_month_cases(month: int, forms: tuple[str, str, str, str, str]) -> None:
    nom, loc, attr, abl, dat = forms
    d = date(2025, month, 15)
    assert format_date(d, "kk") == f"2025 жылғы 15 {nom}"
    assert format_quoted_date(d, "kk") == f"2025 жылғы «15» {nom}"
    assert format_on_date(d, "kk") == f"2025 жылғы 15 {loc}"
    assert format_dated_number(d, "7", "kk") == f"2025 жылғы 15 {attr} № 7"
    # ablative with "бастап", dative with "дейін"
    assert format_since(d, "kk") == f"2025 жылғы 15 {abl} бастап"
    assert format_period(d, date(2026, month, 15), "kk") == f"2025 жылғы 15 {abl} 2026 жылғы 15 {dat} дейін"


def test_kazakh_table_order_matches_cldr() -> None:
    """The table's nominatives are CLDR's kk month names in the same order."""
    cldr = get_month_names("wide", context="format", locale="kk")
    assert [row[0] for row in KK_MONTHS] == [cldr[m] for m in range(1, 13)]
    assert [row.nom for row in L._KK_MONTHS] == [cldr[m] for m in range(1, 13)]


@pytest.mark.parametrize("month", range(1, 13))
def test_russian_matches_babel_genitive(month: int) -> None:
    d = date(2024, month, 3)
    assert format_date(d, "ru") == babel_format_date(d, "d MMMM y", locale="ru") + " года"


# --- plain spaces only in dates -----------------------------------------------

DATE_FUNCS = [format_date, format_on_date, format_quoted_date, format_since]
BLANK_FUNCS = [blank_date, blank_quoted_date, blank_period, blank_since, blank_dated_number, blank_number_date]


@pytest.mark.parametrize("lang", LANGS)
def test_no_special_spaces_in_dates(lang: str) -> None:
    outputs: list[str] = []
    for month in range(1, 13):
        d = date(2025, month, 9)
        outputs += [f(d, lang) for f in DATE_FUNCS]
        outputs.append(format_dated_number(d, "12-3", lang))
        outputs.append(format_number_date(d, "12-3", lang))
        outputs.append(format_period(d, date(2026, month, 1), lang))
        outputs.append(format_period(date(2025, month, 1), d, lang))
    outputs += [f(lang) for f in BLANK_FUNCS]
    for q in range(1, 5):
        outputs += [format_quarter(2025, q, lang), format_for_quarter(2025, q, lang)]
    for text in outputs:
        assert NNBSP not in text and NBSP not in text, repr(text)


# --- quarters -----------------------------------------------------------------

QUARTER_MONTHS = {
    "kk": [
        ("Қаңтар", "Ақпан", "Наурыз"),
        ("Сәуір", "Мамыр", "Маусым"),
        ("Шілде", "Тамыз", "Қыркүйек"),
        ("Қазан", "Қараша", "Желтоқсан"),
    ],
    "ru": [
        ("Январь", "Февраль", "Март"),
        ("Апрель", "Май", "Июнь"),
        ("Июль", "Август", "Сентябрь"),
        ("Октябрь", "Ноябрь", "Декабрь"),
    ],
    "en": [
        ("January", "February", "March"),
        ("April", "May", "June"),
        ("July", "August", "September"),
        ("October", "November", "December"),
    ],
}


@pytest.mark.parametrize(
    "lang, quarter, expected",
    [(lang, q, months) for lang in LANGS for q, months in enumerate(QUARTER_MONTHS[lang], start=1)],
)
def test_quarter_months(lang: str, quarter: int, expected: tuple[str, str, str]) -> None:
    assert quarter_months(quarter, lang) == expected


@pytest.mark.parametrize(
    "quarter, bounds",
    [
        (1, (date(2024, 1, 1), date(2024, 3, 31))),
        (2, (date(2024, 4, 1), date(2024, 6, 30))),
        (3, (date(2024, 7, 1), date(2024, 9, 30))),
        (4, (date(2024, 10, 1), date(2024, 12, 31))),
    ],
)
def test_quarter_bounds(quarter: int, bounds: tuple[date, date]) -> None:
    assert quarter_bounds(2024, quarter) == bounds


# The English ordinal of each quarter, as the 2024 translation prints the period ("___ quarter of 20__").
EN_NTH = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}


@pytest.mark.parametrize("quarter", [1, 2, 4])
def test_quarter_headings_other_quarters(quarter: int) -> None:
    assert format_quarter(2025, quarter, "kk") == f"2025 жылғы {quarter}-тоқсан"
    assert format_quarter(2025, quarter, "ru") == f"{quarter} квартал 2025 года"
    assert format_quarter(2025, quarter, "en") == f"{EN_NTH[quarter]} quarter of 2025"
    assert format_for_quarter(2025, quarter, "kk") == f"2025 жылғы {quarter}-тоқсан үшін"
    assert format_for_quarter(2025, quarter, "ru") == f"за {quarter} квартал 2025 года"
    assert format_for_quarter(2025, quarter, "en") == f"for the {EN_NTH[quarter]} quarter of 2025"


# --- numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, lang, expected",
    [
        (Decimal("1234567.00"), "ru", f"1{NBSP}234{NBSP}567,00"),
        (Decimal("1234567.00"), "en", "1,234,567.00"),
        (Decimal("0.5"), "kk", "0,5"),
        (Decimal("-1234.5"), "ru", f"-1{NBSP}234,5"),
        (Decimal("1E+3"), "en", "1,000"),
        (0, "kk", "0"),
        (999, "ru", "999"),
        (1000, "ru", f"1{NBSP}000"),
        (
            Decimal("12345678901234567890123456789.12"),
            "en",
            "12,345,678,901,234,567,890,123,456,789.12",
        ),
    ],
)
def test_number_details(value: int | Decimal, lang: str, expected: str) -> None:
    assert format_number(value, lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_integers_print_as_babel_prints_them(lang: str) -> None:
    """Integers skip Babel for speed; the text must stay Babel's, sign and grouping included."""
    values = [0, 7, -7, 999, 1000, -1000, 99999, 123456, 1234567, -98765432, 10**18 + 1, -(10**25)]
    for value in values:
        assert format_number(value, lang) == format_number(Decimal(value), lang), value


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_number_uses_nbsp_not_narrow(lang: str) -> None:
    text = format_number(Decimal("1234567.89"), lang)
    assert NNBSP not in text and " " not in text


@pytest.mark.parametrize("value", [1234567.89, True, "1234"])
def test_number_rejects_non_int_decimal(value: object) -> None:
    with pytest.raises(TypeError):
        format_number(value, "ru")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity")])
def test_number_rejects_non_finite(value: Decimal) -> None:
    with pytest.raises(ValueError, match="non-finite"):
        format_number(value, "en")


# --- errors -----------------------------------------------------------------------

LANG_CALLS = [
    lambda lang: format_date(D, lang),
    lambda lang: format_dated_number(D, "1", lang),
    lambda lang: format_on_date(D, lang),
    lambda lang: format_quoted_date(D, lang),
    lambda lang: format_period(D, D, lang),
    lambda lang: format_since(D, lang),
    blank_date,
    blank_period,
    blank_since,
    blank_dated_number,
    lambda lang: format_quarter(2025, 1, lang),
    lambda lang: format_for_quarter(2025, 1, lang),
    lambda lang: quarter_months(1, lang),
    lambda lang: format_number(1, lang),
]


@pytest.mark.parametrize("call", LANG_CALLS)
@pytest.mark.parametrize("lang", ["de", "KK", "kz", "", None])
def test_unknown_lang(call, lang) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        call(lang)


QUARTER_CALLS = [
    lambda q: format_quarter(2025, q, "ru"),
    lambda q: format_for_quarter(2025, q, "kk"),
    lambda q: quarter_months(q, "en"),
    lambda q: quarter_bounds(2025, q),
]


@pytest.mark.parametrize("call", QUARTER_CALLS)
@pytest.mark.parametrize("quarter", [0, 5, -1, 2.0, True, "3"])
def test_bad_quarter(call, quarter) -> None:
    with pytest.raises(ValueError, match="quarter must be an integer from 1 to 4"):
        call(quarter)


def test_blank_quarter():
    assert [L.blank_quarter(lang) for lang in ("kk", "ru", "en")] == [
        "20__ жылғы ___ тоқсан", "___ квартал 20__ года", "___ quarter of 20__"]
