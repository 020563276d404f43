"""The time limits of the Rules: the table, the arithmetic around holidays,
the sentences in three languages, the checks of the audit documents, the CLI."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from click.testing import CliRunner

import formgen
from formgen.cli.procedure import deadline_command
from formgen.procedure.deadlines import RULES, DeadlineWarning, check_audit_document, deadline, describe
from formgen.errors import FormgenError, UnknownForm
from formgen.locale import LANGS

from conftest import load_fixture

# ------------------------------------------------------------------ the table

# id -> paragraph, as found in the Kazakh (seeds/000) and English (seeds/001) texts.
PARAGRAPHS = {
    "auditors-change": 10,
    "audit-start-planned": 14,
    "audit-start-unscheduled": 14,
    "audit-suspension": 15,
    "audit-resumption": 15,
    "draft-certificate": 16,
    "draft-objections": 17,
    "violations-elimination": 20,
    "extension-application": 21,
    "extension-decision": 21,
    "review-results": 23,
    "control-plan": 41,
    "control-measure": 43,
    "control-notice": 45,
    "control-act": 49,
    "control-act-reply": 51,
    "control-materials": 52,
    "report-1mk": 60,
    "report-1mk-district": 60,
    "report-2mk-4mk": 61,
}


def test_rules_and_their_paragraphs():
    assert {rule_id: rule.paragraph for rule_id, rule in RULES.items()} == PARAGRAPHS


@pytest.mark.parametrize("rule_id", RULES)
def test_every_rule_speaks_three_languages(rule_id):
    rule = RULES[rule_id]
    assert rule.id == rule_id and rule.amount >= 0
    for texts in (rule.what, rule.term, rule.counts_from):
        assert set(texts) == set(LANGS) and all(t.strip() for t in texts.values())
    assert (rule.period is not None) == (rule.unit == "day_of_month")


@pytest.mark.parametrize("rule_id, amount, unit, direction", [
    ("audit-start-planned", 3, "working_days", "before"),
    ("audit-start-unscheduled", 1, "calendar_days", "before"),
    ("auditors-change", 1, "working_days", "after"),
    ("audit-suspension", 1, "working_days", "after"),
    ("audit-resumption", 1, "working_days", "after"),
    ("draft-certificate", 3, "working_days", "before"),
    ("draft-objections", 2, "working_days", "after"),
    ("violations-elimination", 30, "calendar_days", "after"),
    ("extension-application", 3, "working_days", "after"),
    ("extension-decision", 3, "working_days", "after"),
    ("review-results", 2, "working_days", "after"),
    ("control-measure", 10, "working_days", "after"),
    ("control-notice", 3, "working_days", "before"),
    ("control-act-reply", 3, "working_days", "after"),
    ("control-materials", 5, "working_days", "after"),
    ("report-1mk", 15, "day_of_month", "after"),
    ("report-1mk-district", 10, "day_of_month", "after"),
    ("report-2mk-4mk", 25, "day_of_month", "after"),
])
def test_amounts_as_the_rules_say(rule_id, amount, unit, direction):
    rule = RULES[rule_id]
    assert (rule.amount, rule.unit, rule.direction) == (amount, unit, direction)


# ------------------------------------------------------------ the arithmetic
# 2026: Nauryz 21-23 March falls on Saturday-Monday, so 21-25 March are off
# and Thursday 26 March is the first working day after it; 1-2 January are
# Thursday-Friday; 8 March is a Sunday, so Monday 9 March is off.

CASES = [
    # an audit starting on Tuesday 24 March 2026 (a day off) and on the first day after Nauryz
    ("audit-start-planned", date(2026, 3, 24), date(2026, 3, 18)),
    ("audit-start-planned", date(2026, 3, 26), date(2026, 3, 18)),
    ("audit-start-planned", date(2026, 3, 27), date(2026, 3, 19)),
    ("audit-start-planned", date(2026, 1, 5), date(2025, 12, 29)),
    ("audit-start-planned", date(2026, 2, 16), date(2026, 2, 11)),
    ("audit-start-unscheduled", date(2026, 3, 24), date(2026, 3, 23)),
    ("audit-start-unscheduled", date(2026, 1, 5), date(2026, 1, 4)),  # a Sunday: 24 hours, not working days
    ("auditors-change", date(2026, 3, 20), date(2026, 3, 26)),
    ("auditors-change", date(2025, 12, 31), date(2026, 1, 5)),
    ("audit-suspension", date(2026, 3, 6), date(2026, 3, 10)),
    ("audit-suspension", date(2026, 3, 20), date(2026, 3, 26)),
    ("audit-resumption", date(2024, 12, 31), date(2025, 1, 5)),  # the worked Sunday of 2025
    ("draft-certificate", date(2026, 3, 27), date(2026, 3, 19)),
    ("draft-objections", date(2026, 3, 20), date(2026, 3, 27)),
    ("violations-elimination", date(2026, 2, 20), date(2026, 3, 22)),  # a Sunday: not moved
    ("violations-elimination", date(2025, 12, 31), date(2026, 1, 30)),
    ("extension-application", date(2026, 3, 19), date(2026, 3, 27)),
    ("extension-decision", date(2026, 3, 27), date(2026, 4, 1)),
    ("review-results", date(2026, 3, 20), date(2026, 3, 27)),
    ("control-plan", date(2027, 6, 1), date(2026, 12, 15)),
    ("control-plan", date(2026, 1, 1), date(2025, 12, 15)),
    # ten working days, the day the order is delivered being the first
    ("control-measure", date(2026, 3, 16), date(2026, 4, 1)),
    ("control-measure", date(2026, 3, 21), date(2026, 4, 8)),  # delivered on a day off: day 1 is 26 March
    ("control-measure", date(2026, 2, 16), date(2026, 2, 27)),
    ("control-notice", date(2026, 3, 26), date(2026, 3, 18)),
    ("control-notice", date(2026, 1, 5), date(2025, 12, 29)),
    ("control-act", date(2026, 3, 27), date(2026, 3, 27)),
    ("control-act-reply", date(2026, 3, 24), date(2026, 3, 30)),
    ("control-materials", date(2026, 3, 20), date(2026, 4, 1)),
    ("report-1mk", date(2026, 3, 24), date(2026, 4, 15)),
    ("report-1mk", date(2025, 10, 1), date(2026, 1, 15)),
    ("report-1mk", date(2026, 12, 31), date(2027, 1, 15)),
    ("report-1mk-district", date(2026, 3, 24), date(2026, 4, 10)),
    ("report-2mk-4mk", date(2026, 3, 24), date(2026, 4, 25)),  # a Saturday: the Rules move nothing
    ("report-2mk-4mk", date(2026, 8, 31), date(2026, 10, 25)),
]


@pytest.mark.parametrize("rule_id, start, expected", CASES)
def test_deadline(rule_id, start, expected):
    assert deadline(rule_id, start) == expected


def test_every_rule_has_a_case():
    assert {case[0] for case in CASES} == set(RULES)


def test_unknown_rule_is_an_error():
    with pytest.raises(FormgenError, match="unknown deadline rule 'audit-begin'.*audit-start-planned"):
        deadline("audit-begin", date(2026, 2, 16))


# ---------------------------------------------------------------- sentences

@pytest.mark.parametrize("lang, expected", [
    ("kk", "Жоспарлы тексерудің басталғаны туралы хабарламаны жіберудің соңғы күні — 2026 жылғы 11 ақпан "
           "(Қағидалардың 14-тармағы: тексерудің басталуына дейін кемінде үш жұмыс күні бұрын)"),
    ("ru", "Уведомление о начале плановой проверки направляется не позднее 11 февраля 2026 года "
           "(пункт 14 Правил: не менее чем за три рабочих дня до начала проверки)"),
    ("en", "The notification of the commencement of a planned audit is sent no later than 11 February 2026 "
           "(paragraph 14 of the Rules: at least three working days before the audit starts)"),
])
def test_describe_planned_audit(lang, expected):
    assert describe("audit-start-planned", date(2026, 2, 16), lang) == expected


@pytest.mark.parametrize("lang, expected", [
    ("kk", "Тексеру мерзімдерін тоқтата тұру туралы хабарламаны жіберудің соңғы күні — 2026 жылғы 26 наурыз "
           "(Қағидалардың 15-тармағы: осындай шешім қабылданған күннен бастап бір жұмыс күнінен кешіктірмей)"),
    ("ru", "Уведомление о приостановлении сроков проведения проверки направляется не позднее 26 марта 2026 года "
           "(пункт 15 Правил: не позднее одного рабочего дня со дня принятия такого решения)"),
    ("en", "The notification of suspension of the audit period is sent no later than 26 March 2026 "
           "(paragraph 15 of the Rules: not later than one working day from the day of the decision)"),
])
def test_describe_across_nauryz(lang, expected):
    assert describe("audit-suspension", date(2026, 3, 20), lang) == expected


@pytest.mark.parametrize("lang, expected", [
    ("kk", "2025 жылғы 4-тоқсан үшін ішкі бақылау бойынша жұмыс туралы есепті (1-мқ нысаны) талдамалық "
           "анықтамамен ұсынудың соңғы күні — 2026 жылғы 15 қаңтар (Қағидалардың 60-тармағы: тоқсан сайын "
           "есепті кезеңнен кейінгі 15-інен кешіктірмей)"),
    ("ru", "Отчет о работе по внутреннему контролю (форма 1-мк) за 4 квартал 2025 года с аналитической "
           "справкой представляется не позднее 15 января 2026 года (пункт 60 Правил: ежеквартально не позднее "
           "15 числа месяца, следующего за отчетным периодом)"),
    ("en", "The report on internal control (form 1-mk) for the 4th quarter of 2025 with its analytical note is filed no later "
           "than 15 January 2026 (paragraph 60 of the Rules: quarterly, not later than the 15th day of the month "
           "following the reporting period)"),
])
def test_describe_quarterly_report(lang, expected):
    assert describe("report-1mk", date(2025, 11, 20), lang) == expected


def test_describe_plan_names_the_planned_year():
    assert describe("control-plan", date(2027, 3, 1), "ru") == (
        "План мероприятий контроля на 2027 год утверждается не позднее 15 декабря 2026 года "
        "(пункт 41 Правил: не позднее 15 декабря года, предшествующего планируемому периоду (году))")


def test_describe_unknown_language():
    with pytest.raises(FormgenError, match="unknown language 'de'"):
        describe("audit-start-planned", date(2026, 2, 16), "de")


# ------------------------------------------------------ the audit documents

def model(form_id, **changes):
    """The fixture of form_id, validated, with dotted-path fields replaced."""
    data = copy.deepcopy(load_fixture(form_id))
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for name in parents:
            target = target[name]
        target[last] = value
    return formgen.validate(form_id, data)


@pytest.mark.parametrize("form_id", ["audit-start", "auditors-change", "audit-suspension",
                                     "audit-resumption", "audit-certificate", "violations-request"])
def test_fixtures_keep_every_time_limit(form_id):
    assert check_audit_document(form_id, model(form_id)) == []


def test_planned_notice_on_the_last_day():
    # Start Monday 16 February 2026: 13, 12 and 11 February are the three working days before it.
    assert check_audit_document("audit-start", model("audit-start", date="2026-02-11")) == []


def test_planned_notice_too_late():
    warnings = check_audit_document("audit-start", model("audit-start", date="2026-02-12"))
    assert warnings == [DeadlineWarning(
        "audit-start-planned", 14, "date",
        "2026-02-12 is after 2026-02-11, the last date paragraph 14 of the Rules allows "
        "(at least three working days before the audit starts; audit_period.start is 2026-02-16)")]


def test_planned_audit_right_after_nauryz():
    after_nauryz = {"audit_period__start": "2026-03-26", "audit_period__end": "2026-04-22"}
    assert check_audit_document("audit-start", model("audit-start", date="2026-03-18", **after_nauryz)) == []
    late = check_audit_document("audit-start", model("audit-start", date="2026-03-19", **after_nauryz))
    assert [(w.rule_id, w.paragraph, w.path) for w in late] == [("audit-start-planned", 14, "date")]


def test_unscheduled_audit_after_new_year():
    unscheduled = {"audit_type__kind": "unscheduled", "audit_period__start": "2026-01-05",
                   "audit_period__end": "2026-01-30"}
    # Sunday 4 January is a day before Monday 5 January: enough for an unscheduled audit ...
    assert check_audit_document("audit-start", model("audit-start", date="2026-01-04", **unscheduled)) == []
    late = check_audit_document("audit-start", model("audit-start", date="2026-01-05", **unscheduled))
    assert [(w.rule_id, w.paragraph, w.path) for w in late] == [("audit-start-unscheduled", 14, "date")]
    # ... but not for a planned one, due by Monday 29 December 2025.
    planned = dict(unscheduled, audit_type__kind="planned")
    assert check_audit_document("audit-start", model("audit-start", date="2025-12-29", **planned)) == []
    assert check_audit_document("audit-start", model("audit-start", date="2025-12-30", **planned))


def test_suspension_notice_over_a_day_off():
    # Suspended from Friday 6 March 2026; Monday 9 March is off (8 March fell on a Sunday).
    on_time = model("audit-suspension", suspended_from="2026-03-06", date="2026-03-10")
    assert check_audit_document("audit-suspension", on_time) == []
    late = check_audit_document("audit-suspension", model("audit-suspension", suspended_from="2026-03-06",
                                                          date="2026-03-11"))
    assert [(w.rule_id, w.paragraph, w.path) for w in late] == [("audit-suspension", 15, "date")]
    assert "taken as the day of the decision" in late[0].message


def test_resumption_notice():
    resumed = {"resumed__start": "2026-03-20", "resumed__end": "2026-04-03"}
    assert check_audit_document("audit-resumption", model("audit-resumption", date="2026-03-26", **resumed)) == []
    late = check_audit_document("audit-resumption", model("audit-resumption", date="2026-03-27", **resumed))
    # Resumed from Friday 20 March 2026: the next working day is Thursday 26 March.
    assert [(w.rule_id, w.paragraph, w.path) for w in late] == [("audit-resumption", 15, "date")]
    assert "resumed.start is 2026-03-20" in late[0].message


@pytest.mark.parametrize("form_id", ["audit-suspension", "audit-certificate", "violations-request"])
def test_start_notice_dated_on_the_first_day_of_the_audit(form_id):
    # Whatever the audit's type, a notice dated the day the audit starts is late.
    warnings = check_audit_document(form_id, model(form_id, start_notice__date="2026-02-16"))
    assert [(w.rule_id, w.paragraph, w.path) for w in warnings] == [
        ("audit-start-unscheduled", 14, "start_notice.date")]
    assert "does not say whether the audit was planned" in warnings[0].message


def test_auditors_change_has_no_checkable_rule():
    # The decision to change the auditors is not dated on the form.
    assert check_audit_document("auditors-change", model("auditors-change", date="2026-12-31")) == []


def test_unknown_form_and_wrong_model():
    with pytest.raises(UnknownForm):
        check_audit_document("report-1mk", model("audit-start"))
    with pytest.raises(FormgenError, match="needs a AuditSuspension"):
        check_audit_document("audit-suspension", model("audit-start"))


# ----------------------------------------------------------------------- CLI

def run(*args):
    return CliRunner().invoke(deadline_command, list(args))


def test_cli_deadline():
    result = run("audit-start-planned", "--from", "2026-02-16", "--lang", "ru")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Уведомление о начале плановой проверки направляется не позднее 11 февраля 2026 года "
        "(пункт 14 Правил: не менее чем за три рабочих дня до начала проверки)\n")


def test_cli_deadline_default_language_is_kazakh():
    assert run("audit-start-unscheduled", "--from", "2026-01-05").output.startswith(
        "Жоспардан тыс тексерудің басталғаны туралы хабарламаны жіберудің соңғы күні — 2026 жылғы 4 қаңтар")


def test_cli_list():
    result = run("--list", "--lang", "en")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 2 * len(RULES)
    assert lines[0].split()[:3] == ["auditors-change", "paragraph", "10:"]
    assert "--from: the day of the decision to change the auditors" in lines[1]
    assert all(any(line.startswith(rule_id + " ") for line in lines) for rule_id in RULES)


@pytest.mark.parametrize("args, message", [
    (("audit-begin", "--from", "2026-02-16"), "unknown deadline rule 'audit-begin'"),
    (("audit-start-planned", "--from", "16.02.2026"), "bad date '16.02.2026': expected YYYY-MM-DD"),
    (("audit-start-planned", "--from", "2026-02-30"), "bad date '2026-02-30'"),
    (("audit-start-planned",), "--from DATE is missing"),
    ((), "give a RULE and --from DATE, or --list"),
])
def test_cli_errors(args, message):
    result = run(*args)
    assert isinstance(result.exception, FormgenError)
    assert message in str(result.exception)


def test_cli_bad_language_is_a_usage_error():
    assert run("audit-start-planned", "--from", "2026-02-16", "--lang", "de").exit_code == 2
