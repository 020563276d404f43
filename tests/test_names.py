"""Names of persons in English documents: given per language like any text, or, given only in Cyrillic,
transliterated by the table of data/transliteration.yaml (ICAO Doc 9303 as Kazakhstan's identity documents use
it), with a warning that names the field; Kazakh and Russian documents print a name as given."""

from __future__ import annotations

import copy
import json
import warnings

import pytest
from click.testing import CliRunner

import formgen
from formgen.cli import main
from formgen.forms.names import transliterate
from formgen.resources import DATA_DIR, read_yaml

from conftest import docx_text, load_fixture, squash

KAZAKH_LETTERS = "әғқңөұүһі"
RUSSIAN_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def test_the_table_covers_every_kazakh_and_russian_letter():
    letters = read_yaml(DATA_DIR / "transliteration.yaml")["letters"]
    assert set(letters) == set(KAZAKH_LETTERS + RUSSIAN_LETTERS)
    assert all(value.isascii() and value == value.lower() for value in letters.values())


@pytest.mark.parametrize("cyrillic, latin", [
    # every Kazakh letter, capital and small
    ("Әбіш Ғалымжанұлы Қоңыратбаев", "Abish Galymzhanuly Konyratbaev"),
    ("Өтеген Ұлықбек Үсенұлы", "Otegen Ulykbek Usenuly"),
    ("Һасен Іңкәрқызы", "Hasen Inkarkyzy"),
    ("Жұмабекова Айгерім Серікқызы", "Zhumabekova Aigerim Serikkyzy"),
    # the Russian letters as Doc 9303 gives them
    ("Щёголев Юрий Ильич", "Shchegolev Iurii Ilich"),
    ("Подъячева Яна Эдуардовна", "Podieiacheva Iana Eduardovna"),
    ("Цой Хадижат Чингизовна", "Tsoi Khadizhat Chingizovna"),
    # capitals stay capitals, initials keep their dots, a Latin name stays as it is
    ("ҚОҢЫРАТБАЕВ Ж. Ш.", "KONYRATBAEV Zh. Sh."),
    ("Smith-Қасымова", "Smith-Kasymova"),
])
def test_transliteration(cyrillic, latin):
    assert transliterate(cyrillic) == latin


def _case(signatory: dict) -> dict:
    case = copy.deepcopy(load_fixture("audit-start"))
    case["signatory"] = {**case["signatory"], **signatory}
    return case


def _render(case: dict, lang: str) -> tuple[str, list[str]]:
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", formgen.Transliterated)
        content = formgen.render("audit-start", case, lang=lang, fmt="docx")
    return squash(docx_text(content)), [str(w.message) for w in said if w.category is formgen.Transliterated]


def test_an_english_document_transliterates_a_cyrillic_name_and_warns_naming_the_field():
    case = _case({"surname": "Әбішева", "first_name": "Гүлнұр", "patronymic": "Қайратқызы"})
    text, said = _render(case, "en")
    assert "Abisheva Gulnur Kairatkyzy, Head of the Department" in text
    [warning] = [w for w in said if w.startswith("signatory ")]
    assert warning.startswith("signatory (surname, first_name, patronymic): no English spelling given;")
    assert "'Әбішева Гүлнұр Қайратқызы' printed as 'Abisheva Gulnur Kairatkyzy'" in warning
    # the auditors of the fixture too, each named by its path
    assert any(w.startswith("auditors[0] (surname, first_name, patronymic)") for w in said)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_kazakh_and_russian_documents_print_the_name_as_given(lang):
    case = _case({"surname": "Әбішева", "first_name": "Гүлнұр", "patronymic": "Қайратқызы"})
    text, said = _render(case, lang)
    assert "Әбішева Гүлнұр Қайратқызы" in text and not said


def test_a_name_given_per_language_prints_each_spelling_without_a_warning():
    case = _case({"surname": {"kk": "Сәрсенбаев", "ru": "Сарсенбаев", "en": "Sarsenbayev"},
                  "first_name": {"kk": "Нұрлан", "ru": "Нурлан", "en": "Nurlan"},
                  "patronymic": {"kk": "Әлібекұлы", "ru": "Алибекович", "en": "Alibekuly"}})
    for lang, name in (("kk", "Сәрсенбаев Нұрлан Әлібекұлы"), ("ru", "Сарсенбаев Нурлан Алибекович"),
                       ("en", "Sarsenbayev Nurlan Alibekuly")):
        text, said = _render(case, lang)
        assert name in text
        assert not any(w.startswith("signatory ") for w in said)


def test_an_english_document_transliterates_the_kazakh_spelling_when_no_english_one_is_given():
    case = _case({"surname": {"kk": "Сәрсенбаев", "ru": "Сарсенбаев"}, "first_name": "Нұрлан", "patronymic": None})
    text, said = _render(case, "en")
    assert "Sarsenbaev Nurlan, Head of the Department" in text
    assert any(w.startswith("signatory (surname, first_name)") for w in said)


def test_a_missing_russian_spelling_is_refused_for_a_russian_document():
    case = _case({"surname": {"kk": "Сәрсенбаев", "en": "Sarsenbayev"}})
    with pytest.raises(formgen.InvalidData) as error:
        formgen.render("audit-start", case, lang="ru", fmt="docx")
    assert [p.path for p in error.value.problems] == ["signatory.surname"]


def test_the_cli_warns_on_stderr_that_it_transliterated(tmp_path):
    case = tmp_path / "case.json"
    case.write_text(json.dumps(_case({"surname": "Әбішева", "first_name": "Гүлнұр", "patronymic": None}),
                               ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "audit-start", "--data", str(case), "--lang", "en",
                                       "--format", "docx", "-o", str(tmp_path / "notice.docx")])
    assert result.exit_code == 0, result.output
    assert ("warning: signatory (surname, first_name): no English spelling given; "
            "'Әбішева Гүлнұр' printed as 'Abisheva Gulnur'") in result.stderr
    kk = CliRunner().invoke(main, ["render", "audit-start", "--data", str(case), "--lang", "kk",
                                   "--format", "docx", "-o", str(tmp_path / "notice-kk.docx")])
    assert kk.exit_code == 0 and "transliterated" not in kk.stderr


def test_a_blank_reports_head_given_in_cyrillic_is_transliterated_in_english(tmp_path):
    result = CliRunner().invoke(main, ["render", "report-4mk", "--blank", "--lang", "en", "--head", "Қасымбек Ж. М.",
                                       "--format", "docx", "-o", str(tmp_path / "4mk.docx")])
    assert result.exit_code == 0, result.output
    assert "warning: reporter (head):" in result.stderr
    assert "Kasymbek Zh. M." in squash(docx_text((tmp_path / "4mk.docx").read_bytes()))


def test_a_plain_string_name_still_validates():
    """The schema change is backward compatible: a name given once is valid as before."""
    model = formgen.validate("audit-start", load_fixture("audit-start"))
    assert model.auditors[0].surname == "Жұмабекова"
    assert "Sarsenbayev" == model.signatory.surname["en"]
