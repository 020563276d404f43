"""The forms' JSON Schemas as people and other systems read them: titled from the form's
wording in kk, ru and en, choices labelled, and checkable by a plain Draft 2020-12 validator."""

from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

import formgen
from formgen.cli import main
from formgen.forms import FORMS
from formgen.locale import LANGS

from conftest import load_fixture


def _validator(form_id, lang):
    schema = formgen.schema(form_id, lang)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", list(FORMS))
def test_each_fixture_is_valid_against_the_described_schema(form_id, lang):
    validator = _validator(form_id, lang)
    fixture = load_fixture(form_id)
    assert list(validator.iter_errors(fixture)) == []
    assert validator.schema["examples"] == [fixture]
    assert validator.schema["$id"] == f"urn:formgen:schema:{form_id}:{lang}"


def _every_property(node, path=""):
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{path}.{name}", prop
        for key, value in node.items():
            yield from _every_property(value, f"{path}/{key}")
    elif isinstance(node, list):
        for value in node:
            yield from _every_property(value, path)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", list(FORMS))
def test_every_field_has_a_title_and_description_in_the_language(form_id, lang):
    for path, prop in _every_property(formgen.schema(form_id, lang)):
        assert prop.get("title") and prop.get("description"), path
        if lang != "en" and not path.endswith((".kk", ".ru", ".en")):
            assert not prop["title"].isascii() or prop["title"][0].isdigit(), (path, prop["title"])


def test_items_take_the_forms_own_labels_and_choices_their_names():
    ru = formgen.schema("audit-start", "ru")
    assert ru["title"] == "Уведомление о начале проверки"
    assert ru["properties"]["subject"]["title"] == "Предмет назначенной проверки"
    assert ru["properties"]["subject"]["description"].startswith("Пункт 5")
    kinds = ru["$defs"]["AuditType"]["properties"]["kind"]["oneOf"]
    assert kinds == [{"const": "planned", "title": "плановая"}, {"const": "unscheduled", "title": "внеплановая"}]
    certificate = formgen.schema("audit-certificate", "kk")
    facts = certificate["$defs"]["Finding"]["properties"]["kind"]["oneOf"]
    assert len(facts) == 17 and facts[0] == {"const": 1, "title": "мемлекеттік қызмет көрсету мерзімдерін бұзу"}
    checklist = formgen.schema("checklist", "en")["properties"]["results"]
    assert len(checklist["properties"]) == 19
    assert checklist["properties"]["1"]["oneOf"][0] == {"const": "meets", "title": "Meets the requirements"}


@pytest.mark.parametrize("change,where", [
    ({"date": "16.03.2026"}, "pattern"),
    ({"entity": {"iin_bin": "05014000342"}}, "pattern"),
    ({"audit_type": {"kind": "sudden"}}, "oneOf"),
    ({"auditors": []}, "minItems"),
    ({"surplus": 1}, "additionalProperties"),
])
def test_a_plain_validator_catches_what_formgen_refuses(change, where):
    data = copy.deepcopy(load_fixture("audit-start"))
    for key, value in change.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    errors = list(_validator("audit-start", "en").iter_errors(data))
    assert errors and any(e.validator == where for error in errors for e in [error, *(error.context or [])])
    with pytest.raises(formgen.InvalidData):
        formgen.validate("audit-start", data)


def test_the_schema_command_prints_it_per_language():
    result = CliRunner().invoke(main, ["schema", "audit-start", "--lang", "kk"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == formgen.schema("audit-start", "kk")["title"]
    bare = json.loads(CliRunner().invoke(main, ["schema", "audit-start"]).output)
    assert bare == formgen.schema("audit-start")
