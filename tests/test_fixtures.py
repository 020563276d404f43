"""The bundled fixtures tell one story: one audited entity with one BIN and one name in every document of its
audit, the planned audit on the ground paragraph 10 of the Rules gives it, services under their providers in
2-mk..4-mk, and 1-mk's complaints (row 11) and their sources (row 12) in agreement."""

from __future__ import annotations

import pytest

from conftest import load_fixture

AUDIT = ["auditors-change", "audit-start", "audit-suspension", "audit-resumption", "audit-certificate",
         "violations-request"]
LANGS = ("kk", "ru", "en")


def _full_name(person: dict, lang: str) -> str:
    parts = (person["surname"], person["first_name"], person.get("patronymic"))
    return " ".join(p if isinstance(p, str) else p.get(lang, p.get("kk")) for p in parts if p)


def test_one_entity_one_bin_one_name_in_every_document_of_the_audit():
    entities = [load_fixture(form_id)["entity"] for form_id in AUDIT]
    checklist = load_fixture("checklist")["entity"]
    assert {e["iin_bin"] for e in entities} == {checklist["iin_bin"]} == {"050140003422"}
    for lang in LANGS:
        assert {e["name"][lang] for e in entities} == {checklist["name"][lang]}
        assert {e["location"][lang] for e in entities} == {checklist["address"][lang]}


def test_the_audits_people_keep_their_names_and_positions():
    people: dict[str, dict] = {}
    for form_id in [*AUDIT, "checklist"]:
        case = load_fixture(form_id)
        persons = [*case.get("auditors", []), *case.get("specialists", []), *case.get("officials", [])]
        persons += [case[key] for key in ("signatory", "head") if key in case]
        persons += [f["person"] for f in case.get("familiarisation", [])]
        for person in persons:
            key = _full_name(person, "kk")
            assert people.setdefault(key, person["position"]) == person["position"], (form_id, key)
    # the entity's head reads the certificate and signs the checklist
    head = load_fixture("checklist")["head"]
    assert head == load_fixture("audit-certificate")["familiarisation"][0]["person"]


@pytest.mark.parametrize("form_id", ["audit-start", "auditors-change"])
def test_the_planned_audit_cites_paragraph_10_of_the_rules(form_id):
    """Paragraph 10: "the grounds for assigning a planned inspection is a semi-annual inspection plan" (001, line
    51; 000, line 1702 "10. Жоспарлы тексеруді тағайындауға ... жартыжылдық тексеру жоспары негіз болып табылады")."""
    case = load_fixture(form_id)
    assert case["audit_type"]["kind"] == "planned"
    grounds = case["grounds"]
    assert grounds["kk"].startswith("Мемлекеттік қызметтер көрсету сапасын мемлекеттік бақылау қағидаларының 10-тармағы")
    assert grounds["ru"].startswith("пункт 10 Правил")
    assert grounds["en"].startswith("paragraph 10 of the Rules")
    assert "жартыжылдыққа арналған тексерулер жоспары" in grounds["kk"]  # the semi-annual plan it names


# Who provides each service of the report fixtures (the ministry in charge of it), and its subtypes.
PROVIDERS = {
    "Государственная регистрация прав на недвижимое имущество": "Министерство юстиции Республики Казахстан",
    "Регистрация рождения ребенка": "Министерство юстиции Республики Казахстан",
    "Назначение пенсионных выплат": "Министерство труда и социальной защиты населения Республики Казахстан",
}
SUBTYPES = {
    "Государственная регистрация прав на недвижимое имущество": {"Первичная регистрация прав", "Регистрация обременений"},
    "Регистрация рождения ребенка": set(),
    # pensions for long service are paid by the law-enforcement and military bodies, not through these channels
    "Назначение пенсионных выплат": {"По возрасту", "Государственная базовая пенсионная выплата"},
}


def _services(report: str):
    case = load_fixture(report)
    groups = [case["paper"], case["electronic"]] if "paper" in case else [case]
    for group in groups:
        for provider in group["providers"]:
            for service in provider["services"]:
                yield provider, service


@pytest.mark.parametrize("report", ["report-2mk", "report-3mk", "report-4mk"])
def test_each_service_under_its_provider_with_its_own_subtypes(report):
    for provider, service in _services(report):
        name = service["name"]["ru"]
        assert PROVIDERS[name] == provider["name"]["ru"], name
        assert {s["name"]["ru"] for s in service.get("subtypes", [])} <= SUBTYPES[name], name


@pytest.mark.parametrize("report", ["report-2mk", "report-3mk"])
def test_refusals_for_encumbrances_only_where_property_is_registered(report):
    """Column 12, "there are encumbrances, restrictions, seizure, prohibitions", belongs to the registration of
    rights to immovable property; no birth registration or pension is refused for an encumbrance."""
    for _, service in _services(report):
        if service["name"]["ru"] == "Государственная регистрация прав на недвижимое имущество":
            continue
        for cells in [service.get("cells", {}), *(s["cells"] for s in service.get("subtypes", []))]:
            assert not cells.get("12"), service["name"]["ru"]


def test_1mk_rows_11_and_12_agree():
    """Row 11 counts the justified complaints of the quarter, row 12 the sources they came from (12.1-12.7, one
    source each): month by month the two totals are equal, and each is the sum of its sub-rows."""
    rows = load_fixture("report-1mk")["rows"]
    for month in ("1", "2", "3"):
        assert rows["11"][month] == rows["12"][month]
        assert rows["11"][month] == sum(rows[f"11.{i}"].get(month, 0) for i in range(1, 5))
        assert rows["12"][month] == sum(rows[f"12.{i}"].get(month, 0) for i in range(1, 8))
