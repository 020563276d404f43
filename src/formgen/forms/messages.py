"""Validation messages in Kazakh, Russian and English, keyed by a problem's code.

A Problem carries a stable code (pydantic's error type, or formgen's own for
its checks) and the values its message needs; its ``message`` is the English
text.  Here each code has its Kazakh and Russian wording, so that a clerk
reads "Дата указывается в формате ГГГГ-ММ-ДД" rather than pydantic's
"invalid character in year".  A code without wording here keeps its English
text (a test keeps every code the schemas produce covered).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from ..errors import Problem
from ..locale import LANGS, Lang

_DATE = {"kk": "Күн ЖЖЖЖ-АА-КК пішімінде көрсетіледі (мысалы, 2026-02-16)",
         "ru": "Дата указывается в формате ГГГГ-ММ-ДД (например, 2026-02-16)"}
_OBJECT = {"kk": "Өрістері бар объект болуы керек", "ru": "Должен быть объект с полями"}
_INTEGER = {"kk": "Бүтін сан болуы керек", "ru": "Должно быть целое число"}
_BOOLEAN = {"kk": "true немесе false болуы керек", "ru": "Должно быть true или false"}

MESSAGES: dict[str, dict[str, str]] = {
    # pydantic's error types met by the forms' schemas
    "missing": {"kk": "Міндетті өріс толтырылмаған", "ru": "Обязательное поле не заполнено"},
    "extra_forbidden": {"kk": "Белгісіз өріс (форманың схемасында жоқ)",
                        "ru": "Неизвестное поле (его нет в схеме формы)"},
    "string_type": {"kk": "Мәтін болуы керек", "ru": "Должен быть текст"},
    "string_too_short": {"kk": "Өріс бос болмауы керек", "ru": "Поле не может быть пустым"},
    "string_too_long": {"kk": "{max_length} таңбадан ұзын болмауы керек",
                        "ru": "Не длиннее {max_length} символов"},
    "string_pattern_mismatch": {"kk": "Мән {pattern} үлгісіне сәйкес келмейді",
                                "ru": "Значение не соответствует образцу {pattern}"},
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "list_type": {"kk": "Тізім болуы керек", "ru": "Должен быть список"},
    "too_short": {"kk": "Тізімде кемінде {min_length} элемент болуы керек (қазір {actual_length})",
                  "ru": "В списке должно быть не менее {min_length} элем. (сейчас {actual_length})"},
    "too_long": {"kk": "Тізімде {max_length} элементтен артық болмауы керек (қазір {actual_length})",
                 "ru": "В списке должно быть не более {max_length} элем. (сейчас {actual_length})"},
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "bool_type": _BOOLEAN,
    "bool_parsing": _BOOLEAN,
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_from_float": _INTEGER,
    "greater_than_equal": {"kk": "{ge} кем болмауы керек", "ru": "Не меньше {ge}"},
    "less_than_equal": {"kk": "{le} артық болмауы керек", "ru": "Не больше {le}"},
    "literal_error": {"kk": "Рұқсат етілген мәндер: {expected}", "ru": "Допустимые значения: {expected}"},
    "enum": {"kk": "Рұқсат етілген мәндер: {expected}", "ru": "Допустимые значения: {expected}"},
    # formgen's own checks
    "text_type": {"kk": "Мәтін немесе әр тілдегі мәтіні бар объект ({langs}) болуы керек",
                  "ru": "Должен быть текст или объект с текстом на каждом языке ({langs})"},
    "text_control_character": {
        "kk": "Құжатқа сыймайтын {character} басқару таңбасы бар ({position}-позиция)",
        "ru": "Содержит управляющий символ {character} в позиции {position}, который документ не может содержать"},
    "text_empty": {"kk": "Бос: онда тек бос орын немесе көрінбейтін таңбалар бар",
                   "ru": "Пусто: только пробелы или невидимые символы"},
    "date_out_of_range": {"kk": "{value} күні formgen қабылдайтын мерзімнен тыс ({earliest} – {latest})",
                          "ru": "Дата {value} вне допустимого диапазона ({earliest} – {latest})"},
    "data_too_deep": {"kk": "Объектілер мен тізімдер {limit} деңгейден терең салынған",
                      "ru": "Объекты и списки вложены глубже {limit} уровней"},
    "data_too_many_values": {"kk": "Іс деректерінде {limit} мәннен артық бар",
                             "ru": "В данных дела больше {limit} значений"},
    "data_too_many_characters": {"kk": "Іс деректерінің мәтіндерінде {limit} таңбадан артық бар",
                                 "ru": "В текстах данных дела больше {limit} символов"},
    "printed_too_long": {"kk": "Құжаттың {lang} тіліндегі мәтіні {count} таңба, ең көбі {limit} рұқсат етіледі",
                         "ru": "Текст документа на языке {lang}: {count} символов, допускается не более {limit}"},
    "report_too_many_rows": {"kk": "Есеп кестелерінде {count} жол, ең көбі {limit} рұқсат етіледі",
                             "ru": "В таблицах отчёта {count} строк, допускается не более {limit}"},
    "more_problems": {"kk": "Тағы {rest} қате бар (алғашқы {listed} көрсетілген)",
                      "ru": "И ещё ошибок: {rest} (показаны первые {listed})"},
    "text_without_language": {"kk": "Мәтінді кемінде бір тілде көрсетіңіз: {langs}",
                              "ru": "Укажите текст хотя бы на одном из языков: {langs}"},
    "missing_translation": {"kk": "{lang} тіліндегі мәтін жоқ (берілгені: {given})",
                            "ru": "Нет текста на языке {lang} (указан: {given})"},
    "data_not_object": {"kk": "Іс деректері JSON-объект болуы керек, {type} емес",
                        "ru": "Данные дела должны быть JSON-объектом, а не {type}"},
    "iin_bin_digits": {"kk": "ЖСН/БСН 12 цифрдан тұрады", "ru": "ИИН/БИН состоит из 12 цифр"},
    "iin_bin_check_digit": {"kk": "Бақылау цифры (12-ші) алғашқы 11 цифрға сәйкес келмейді",
                            "ru": "Контрольная (12-я) цифра не соответствует первым 11 цифрам"},
    "end_before_start": {"kk": "Аяқталу күні ({end}) басталу күнінен ({start}) бұрын",
                         "ru": "Дата окончания ({end}) раньше даты начала ({start})"},
    "on_site_with_off_site_methods": {"kk": "Субъектіге бара отырып жүргізілетін тексеруде бармай тексеру тәсілдері болмайды",
                                      "ru": "У проверки с посещением субъекта нет способов проверки без посещения"},
    "off_site_without_methods": {
        "kk": "Субъектіге бармай жүргізілетін тексеруде лауазымды адамдарды шақыруды және (немесе) материалдарды талап етуді көрсетіңіз",
        "ru": "Для проверки без посещения субъекта укажите вызов должностных лиц и (или) истребование материалов"},
    "method_named_twice": {"kk": "Тәсіл екі рет көрсетілген", "ru": "Способ указан дважды"},
    "outside_audit_period": {"kk": "{date} тексеру мерзімінен тыс ({start}–{end})",
                             "ru": "{date} вне срока проверки ({start}–{end})"},
    "resumed_before_suspension": {"kk": "Қайта басталу күні ({resumed}) тоқтатылу күнінен ({suspended}) бұрын",
                                  "ru": "Дата возобновления ({resumed}) раньше даты приостановления ({suspended})"},
    "year_and_quarter_together": {"kk": "Жыл мен тоқсан бірге көрсетіледі", "ru": "Год и квартал указываются вместе"},
    "column_not_in_table": {"kk": "{column} бағаны бұл кестеде жоқ (оның бағандары: {columns})",
                            "ru": "Графы {column} нет в этой таблице (её графы: {columns})"},
    "subtype_system_required": {"kk": "{row} жолында әр кіші түрдің ақпараттық жүйесі көрсетіледі",
                                "ru": "В строке {row} указывается информационная система каждого подвида"},
    "subtype_system_not_allowed": {"kk": "{row} жолында ақпараттық жүйе бағаны жоқ",
                                   "ru": "В строке {row} нет графы информационной системы"},
    "total_differs": {"kk": "{row} жолы, {column} баған: {given} берілген, есептелгені {computed}",
                      "ru": "Строка {row}, графа {column}: указано {given}, по расчёту {computed}"},
    "total_below_parts": {"kk": "{row} жолы, {column} баған: {given} берілген, бөліктерінің қосындысынан ({computed}) аз",
                          "ru": "Строка {row}, графа {column}: указано {given}, меньше суммы частей ({computed})"},
}
"""Code → {lang: wording} for kk and ru; English is the problem's own message."""

_OR = {"kk": " немесе ", "ru": " или "}


def _params(code: str, params: Mapping[str, Any], lang: Lang) -> dict[str, Any]:
    values = {"langs": ", ".join(LANGS), **params}  # the languages a text is given in, where a message names them
    if code in ("literal_error", "enum") and isinstance(values.get("expected"), str):
        values["expected"] = values["expected"].replace(" or ", _OR[lang])  # pydantic joins the choices in English
    return values


def message(problem: Problem, lang: Lang) -> str:
    """The problem's message in lang: its own English text, or the wording of its code."""
    wording = MESSAGES.get(problem.code or "", {}).get(lang)
    if wording is None:
        return problem.message
    try:
        return wording.format(**_params(problem.code or "", problem.params, lang))
    except (KeyError, IndexError):  # a parameter the wording needs is missing: better English than nothing
        return problem.message


def translated(problems: Iterable[Problem], lang: Lang) -> list[Problem]:
    """The problems with their messages in lang, paths, codes and parameters kept."""
    return [replace(p, message=message(p, lang)) for p in problems]
