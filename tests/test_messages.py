"""Validation messages in kk, ru and en: every problem the schemas produce has a code with
wording in each language, and the command line speaks the language asked."""

from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

import formgen
from formgen.cli import main
from formgen.errors import InvalidData, Problem
from formgen.forms import FORMS
from formgen.forms.messages import MESSAGES, message, translated

from conftest import load_fixture

BAD_VALUES = [42, "16.03.2026", [], {}, "", True, None, "x", -1, 1.5, "\x07", {"de": "x"}, [{"zz": 1}]]


def _leaves(value, path=()):
    """Every place in the data that can be broken: each key and each list element, leaves and branches."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*path, key)
            yield from _leaves(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield (*path, i)
            yield from _leaves(child, (*path, i))


def _with(data, path, value):
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def _problems(form_id, data) -> list[Problem]:
    try:
        formgen.validate(form_id, data, "ru")
    except InvalidData as error:
        return error.problems
    return []


def _broken_cases(form_id):
    """The fixture broken one place at a time, every way in BAD_VALUES, plus a removed and an unknown key."""
    case = load_fixture(form_id)
    yield {**case, "unknown_field": 1}
    yield [case]
    for path in _leaves(case):
        yield _with(case, path, KeyError)
        for value in BAD_VALUES:
            yield _with(case, path, value)


@pytest.mark.parametrize("form_id", [f for f in FORMS if f != "report-1mk"] + ["report-1mk"])
def test_every_problem_the_schemas_produce_has_a_code_worded_in_every_language(form_id):
    codes = set()
    for data in _broken_cases(form_id):
        for problem in _problems(form_id, data):
            assert problem.code, problem
            codes.add(problem.code)
            for lang in ("kk", "ru"):
                text = message(problem, lang)
                assert text != problem.message and "{" not in text, (lang, problem)
    assert codes - set(MESSAGES) == set()


def test_a_date_in_the_wrong_format_is_explained_in_the_language_asked():
    data = _with(load_fixture("audit-start"), ("date",), "16.03.2026")
    [problem] = _problems("audit-start", data)
    assert problem.path == "date"
    assert message(problem, "ru") == "Дата указывается в формате ГГГГ-ММ-ДД (например, 2026-02-16)"
    assert message(problem, "kk").startswith("Күн ЖЖЖЖ-АА-КК пішімінде")
    assert message(problem, "en") == problem.message  # English stays as it was


@pytest.mark.parametrize("path,value,ru", [
    (("entity", "iin_bin"), "050140003421", "Контрольная (12-я) цифра не соответствует первым 11 цифрам"),
    (("grounds",), KeyError, "Обязательное поле не заполнено"),
    (("signatory", "surnme"), "X", "Неизвестное поле (его нет в схеме формы)"),
    (("auditors",), [], "В списке должно быть не менее 1 элем. (сейчас 0)"),
    (("audit_type", "kind"), "sudden", "Допустимые значения: 'planned' или 'unscheduled'"),
    (("audit_period", "end"), "2026-02-01", "Дата окончания (2026-02-01) раньше даты начала (2026-02-16)"),
])
def test_each_kind_of_problem_in_russian(path, value, ru):
    [problem] = _problems("audit-start", _with(load_fixture("audit-start"), path, value))
    assert translated([problem], "ru")[0] == Problem(problem.path, ru)


def test_report_problems_are_worded_too():
    data = load_fixture("report-4mk")
    [quarter] = _problems("report-4mk", {**data, "quarter": 9})
    assert message(quarter, "ru") == "Не больше 4"
    assert message(quarter, "kk") == "4 артық болмауы керек"
    data["providers"][0]["cells"] = {"1": 10**6}  # more than its services add up to
    total = _problems("report-4mk", data)[0]
    assert total.code == "total_differs"
    assert message(total, "ru") == f"Строка 1, графа 1: указано 1000000, по расчёту {total.params['computed']}"


def _cli(args, env=None):
    return CliRunner().invoke(main, args, env=env)


def test_the_command_line_reports_problems_in_the_language_asked(tmp_path):
    case = tmp_path / "case.json"
    case.write_text(json.dumps(_with(load_fixture("audit-start"), ("date",), "16.03.2026")), encoding="utf-8")
    result = _cli(["validate", "audit-start", str(case), "--lang", "ru"], env={"LANG": "C.UTF-8"})
    assert result.exit_code == 2
    assert "error: date: Дата указывается в формате ГГГГ-ММ-ДД" in result.output
    result = _cli(["validate", "audit-start", str(case)], env={"LANG": "kk_KZ.UTF-8", "LC_ALL": ""})
    assert "error: date: Күн ЖЖЖЖ-АА-КК пішімінде" in result.output
    result = _cli(["render", "audit-start", "--data", str(case), "-o", str(tmp_path / "x.docx"), "--format", "docx"],
                  env={"LANG": "C.UTF-8", "LC_ALL": ""})
    assert "error: date: Input should be a valid date" in result.output
    result = _cli(["render", "audit-start", "--lang", "ru", "--data", str(case), "-o", str(tmp_path / "x.docx")],
                  env={"LANG": "en_GB.UTF-8"})
    assert "error: date: Дата указывается" in result.output
    assert not (tmp_path / "x.docx").exists()
