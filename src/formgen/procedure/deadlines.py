"""The time limits of the Rules of state control over the quality of public
services (Order No. 78, edition of Order No. 101 of 25 June 2024), as data.

Every limit is one row of ``_RULES``: what it counts from, which way, how
much, in which unit, the paragraph, and its wording in kk/ru/en (kk from the
official text, seeds/000 from line 1660; en after the 2024 translation,
seeds/001; ru in the register of the forms' Russian wording).  Code only does
arithmetic on the rows, so a change of the Rules is a change of one row.

How limits are counted (the Rules say "not later than N days from …" /
"at least N days before …"; the day that starts a period is not counted):

- ``after`` rules: the last allowed date is the N-th day after the event;
  N = 0 means the event's own date.
- ``before`` rules: the latest allowed date is the N-th day before the event,
  e.g. an audit starting Monday 16 February 2026 is notified by Wednesday
  11 February (13, 12, 11 are the three working days before it).
- a duration that runs from its first day counts that day as day 1
  (``counts_first_day``: the control measure of paragraph 43, which
  paragraph 46 starts on the day its order is delivered).
- working days come from formgen.workdays; calendar days are plain dates.
  "At least one day (24 hours)" before an unscheduled audit is taken at the
  level of dates: the notice is dated the day before the start or earlier.
- ``day_of_month`` rules name a day of the month after (or before) the
  period ``from_date`` falls in: a quarter for the reports, a year for the
  plan of control measures.  The date is not moved off a day off: the Rules
  do not say so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from ..errors import FormgenError, UnknownForm
from ..forms.schemas.audit import AUDIT_SCHEMAS
from ..locale import LANGS, Lang, format_date, format_for_quarter, quarter_bounds
from .workdays import add_working_days

__all__ = ["RULES", "DeadlineRule", "DeadlineWarning", "check_audit_document", "deadline",
           "describe", "get_rule", "parse_date", "paragraph_label"]

Direction = Literal["before", "after"]
Unit = Literal["working_days", "calendar_days", "day_of_month"]
Period = Literal["quarter", "year"]


@dataclass(frozen=True)
class DeadlineRule:
    """One time limit of the Rules.

    ``what`` is the subject of the sentence ``describe`` builds (kk: up to
    "…соңғы күні", since the Kazakh verb ends the sentence); it may name the
    period as {quarter} or {year}.  ``term`` is the Rules' own wording of the
    limit; ``counts_from`` says what date ``deadline`` takes.
    """

    id: str
    paragraph: int
    direction: Direction
    amount: int
    unit: Unit
    counts_from: dict[str, str]
    what: dict[str, str]
    term: dict[str, str]
    period: Period | None = None  # day_of_month rules only
    # A duration that runs from its first day (paragraph 46: the control
    # measure commences on the day its order is delivered, and is conducted
    # on that day), so that day is day 1; every other limit starts the day
    # after its event.
    counts_first_day: bool = False


_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "auditors-change", 10, "after", 1, "working_days",
        counts_from={
            "kk": "тексеруші лауазымды адамдардың құрамын өзгерту туралы шешім қабылданған күн",
            "ru": "день принятия решения об изменении состава проверяющих должностных лиц",
            "en": "the day of the decision to change the auditors",
        },
        what={
            "kk": "Тексеруші лауазымды адамдар құрамының өзгеруі туралы хабарламаны жіберудің соңғы күні",
            "ru": "Уведомление об изменении состава проверяющих должностных лиц направляется",
            "en": "The notification of changes in the composition of auditors is sent",
        },
        term={
            "kk": "осындай шешім қабылданған күннен бастап бір жұмыс күнінен кешіктірмей",
            "ru": "не позднее одного рабочего дня со дня принятия такого решения",
            "en": "not later than one working day from the day of the decision",
        },
    ),
    DeadlineRule(
        "audit-start-planned", 14, "before", 3, "working_days",
        counts_from={
            "kk": "жоспарлы тексерудің басталатын күні",
            "ru": "день начала плановой проверки",
            "en": "the first day of the planned audit",
        },
        what={
            "kk": "Жоспарлы тексерудің басталғаны туралы хабарламаны жіберудің соңғы күні",
            "ru": "Уведомление о начале плановой проверки направляется",
            "en": "The notification of the commencement of a planned audit is sent",
        },
        term={
            "kk": "тексерудің басталуына дейін кемінде үш жұмыс күні бұрын",
            "ru": "не менее чем за три рабочих дня до начала проверки",
            "en": "at least three working days before the audit starts",
        },
    ),
    DeadlineRule(
        "audit-start-unscheduled", 14, "before", 1, "calendar_days",
        counts_from={
            "kk": "жоспардан тыс тексерудің басталатын күні",
            "ru": "день начала внеплановой проверки",
            "en": "the first day of the unscheduled audit",
        },
        what={
            "kk": "Жоспардан тыс тексерудің басталғаны туралы хабарламаны жіберудің соңғы күні",
            "ru": "Уведомление о начале внеплановой проверки направляется",
            "en": "The notification of the commencement of an unscheduled audit is sent",
        },
        term={
            "kk": "жоспардан тыс тексеру басталғанға дейін кемінде бір тәулік бұрын",
            "ru": "не менее чем за одни сутки до начала внеплановой проверки",
            "en": "at least one day (24 hours) before the unscheduled audit starts",
        },
    ),
    DeadlineRule(
        "audit-suspension", 15, "after", 1, "working_days",
        counts_from={
            "kk": "тексеру мерзімдерін тоқтата тұру туралы шешім қабылданған күн",
            "ru": "день принятия решения о приостановлении сроков проведения проверки",
            "en": "the day of the decision to suspend the audit period",
        },
        what={
            "kk": "Тексеру мерзімдерін тоқтата тұру туралы хабарламаны жіберудің соңғы күні",
            "ru": "Уведомление о приостановлении сроков проведения проверки направляется",
            "en": "The notification of suspension of the audit period is sent",
        },
        term={
            "kk": "осындай шешім қабылданған күннен бастап бір жұмыс күнінен кешіктірмей",
            "ru": "не позднее одного рабочего дня со дня принятия такого решения",
            "en": "not later than one working day from the day of the decision",
        },
    ),
    DeadlineRule(
        "audit-resumption", 15, "after", 1, "working_days",
        counts_from={
            "kk": "тексеру мерзімдерін қайта бастау туралы шешім қабылданған күн",
            "ru": "день принятия решения о возобновлении сроков проведения проверки",
            "en": "the day of the decision to resume the audit period",
        },
        what={
            "kk": "Тексеру мерзімдерін қайта бастау туралы хабарламаны жіберудің соңғы күні",
            "ru": "Уведомление о возобновлении сроков проведения проверки направляется",
            "en": "The notification of resumption of the audit period is sent",
        },
        term={
            "kk": "осындай шешім қабылданған күннен бастап бір жұмыс күнінен кешіктірмей",
            "ru": "не позднее одного рабочего дня со дня принятия такого решения",
            "en": "not later than one working day from the day of the decision",
        },
    ),
    DeadlineRule(
        "draft-certificate", 16, "before", 3, "working_days",
        counts_from={
            "kk": "тексеру аяқталатын күн",
            "ru": "день завершения проверки",
            "en": "the last day of the audit",
        },
        what={
            "kk": "Тексеру нәтижелері туралы анықтаманың жобасын жіберудің соңғы күні",
            "ru": "Проект справки о результатах проверки направляется",
            "en": "The draft certificate on the findings of the audit is sent",
        },
        term={
            "kk": "тексеру аяқталған күнге дейін үш жұмыс күнінен кешіктірмей",
            "ru": "не позднее чем за три рабочих дня до дня завершения проверки",
            "en": "not later than three working days before the audit ends",
        },
    ),
    DeadlineRule(
        "draft-objections", 17, "after", 2, "working_days",
        counts_from={
            "kk": "анықтаманың жобасын алған күн",
            "ru": "день получения проекта справки",
            "en": "the day the draft certificate is received",
        },
        what={
            "kk": "Тексеру нәтижелері туралы анықтаманың жобасына қарсылық ұсынудың соңғы күні",
            "ru": "Возражения на проект справки о результатах проверки представляются",
            "en": "Objections to the draft certificate on the findings of the audit are filed",
        },
        term={
            "kk": "оны алған күннен бастап екі жұмыс күнінен кешіктірілмейтін мерзімде",
            "ru": "не позднее двух рабочих дней со дня его получения",
            "en": "not later than two working days from the day of its receipt",
        },
    ),
    DeadlineRule(
        # The Rules do not say when the thirty days start; paragraph 21 counts
        # the extension application from the delivery of the request, so the
        # delivery is taken here too.
        "violations-elimination", 20, "after", 30, "calendar_days",
        counts_from={
            "kk": "бұзушылықтарды жою туралы ұсынымды тапсырған күн",
            "ru": "день вручения представления об устранении нарушений",
            "en": "the day the request to eliminate violations is delivered",
        },
        what={
            "kk": "Бұзушылықтарды жою туралы ұсынымды қарап, бұзушылықтарды жоюдың соңғы күні",
            "ru": "Представление об устранении нарушений рассматривается, а указанные в нем нарушения устраняются",
            "en": "The request to eliminate violations is examined and the violations are eliminated",
        },
        term={
            "kk": "күнтізбелік отыз күн ішінде",
            "ru": "в течение тридцати календарных дней",
            "en": "within thirty calendar days",
        },
    ),
    DeadlineRule(
        "extension-application", 21, "after", 3, "working_days",
        counts_from={
            "kk": "бұзушылықтарды жою туралы ұсынымды тапсырған күн",
            "ru": "день вручения представления об устранении нарушений",
            "en": "the day the request to eliminate violations is delivered",
        },
        what={
            "kk": "Бұзушылықтарды жою мерзімдерін ұзарту туралы өтінішпен жүгінудің соңғы күні",
            "ru": "Заявление о продлении сроков устранения нарушений подается",
            "en": "The application for extension of the time limit for eliminating the violations is filed",
        },
        term={
            "kk": "ұсынымды тапсырған күннен бастап үш жұмыс күнінен кешіктірмей",
            "ru": "не позднее трех рабочих дней со дня вручения представления",
            "en": "not later than three working days from the day the request is delivered",
        },
    ),
    DeadlineRule(
        # "Within three working days" (part 3): the Rules do not name the
        # start; the receipt of the application is the only event there is.
        "extension-decision", 21, "after", 3, "working_days",
        counts_from={
            "kk": "мерзімдерді ұзарту туралы өтініш келіп түскен күн",
            "ru": "день поступления заявления о продлении сроков",
            "en": "the day the extension application is received",
        },
        what={
            "kk": "Бұзушылықтарды жою мерзімдерін ұзарту немесе ұзартудан бас тарту туралы шешім қабылдаудың соңғы күні",
            "ru": "Решение о продлении сроков устранения нарушений или об отказе в продлении принимается",
            "en": "The decision to extend the time limit for eliminating the violations, or to refuse, is taken",
        },
        term={
            "kk": "үш жұмыс күні ішінде",
            "ru": "в течение трех рабочих дней",
            "en": "within three working days",
        },
    ),
    DeadlineRule(
        "review-results", 23, "after", 2, "working_days",
        counts_from={
            "kk": "ұсынымды қараған күн",
            "ru": "день рассмотрения представления",
            "en": "the day the request is reviewed",
        },
        what={
            "kk": "Бұзушылықтарды жою туралы ұсынымды қарау қорытындылары туралы ақпаратты уәкілетті органға жіберудің соңғы күні",
            "ru": "Информация об итогах рассмотрения представления об устранении нарушений направляется в уполномоченный орган",
            "en": "Information on the results of the review of the request to eliminate violations is sent to the authorised body",
        },
        term={
            "kk": "ол қаралған күннен бастап екі жұмыс күні ішінде",
            "ru": "в течение двух рабочих дней со дня его рассмотрения",
            "en": "within two working days from the day of its review",
        },
    ),
    DeadlineRule(
        "control-plan", 41, "before", 15, "day_of_month", period="year",
        counts_from={
            "kk": "жоспарланатын жылдың кез келген күні",
            "ru": "любой день планируемого года",
            "en": "any day of the planned year",
        },
        what={
            "kk": "{year} жылға арналған бақылау іс-шаралары жоспарын бекітудің соңғы күні",
            "ru": "План мероприятий контроля на {year} год утверждается",
            "en": "The plan of control measures for {year} is approved",
        },
        term={
            "kk": "жоспарланатын кезеңнен (жылдан) алдыңғы жылдың 15 желтоқсанынан кешіктірмей",
            "ru": "не позднее 15 декабря года, предшествующего планируемому периоду (году)",
            "en": "not later than 15 December of the year preceding the planned period (year)",
        },
    ),
    DeadlineRule(
        # Paragraph 46: the measure starts on the day its order is delivered
        # to the head of the subject.
        "control-measure", 43, "after", 10, "working_days", counts_first_day=True,
        counts_from={
            "kk": "бақылау іс-шарасын тағайындау туралы бұйрықты субъектінің басшысына тапсырған күн",
            "ru": "день вручения руководителю субъекта приказа о назначении мероприятия контроля",
            "en": "the day the order appointing the control measure is delivered to the head of the subject",
        },
        what={
            "kk": "Бақылау іс-шарасын өткізудің соңғы күні",
            "ru": "Мероприятие контроля завершается",
            "en": "The control measure is completed",
        },
        term={
            "kk": "бақылау іс-шарасын өткізу мерзімі он жұмыс күнінен аспауға тиіс",
            "ru": "срок проведения мероприятия контроля не должен превышать десяти рабочих дней",
            "en": "the term of the control measure shall not exceed ten working days",
        },
    ),
    DeadlineRule(
        "control-notice", 45, "before", 3, "working_days",
        counts_from={
            "kk": "бақылау іс-шарасының басталатын күні",
            "ru": "день начала мероприятия контроля",
            "en": "the first day of the control measure",
        },
        what={
            "kk": "Бақылау субъектісін бақылау іс-шарасы туралы хабардар етудің соңғы күні",
            "ru": "Субъект контроля уведомляется о мероприятии контроля",
            "en": "The subject of control is notified of the control measure",
        },
        term={
            "kk": "бақылау іс-шарасын өткізу басталғанға дейін үш жұмыс күнінен кешіктірмей",
            "ru": "не позднее чем за три рабочих дня до начала мероприятия контроля",
            "en": "not later than three working days before the control measure starts",
        },
    ),
    DeadlineRule(
        "control-act", 49, "after", 0, "calendar_days",
        counts_from={
            "kk": "бұйрықта көрсетілген бақылау іс-шарасы аяқталатын күн",
            "ru": "день завершения мероприятия контроля, указанный в приказе о его назначении",
            "en": "the completion date of the control measure set in the order appointing it",
        },
        what={
            "kk": "Бақылау іс-шарасының актісін субъектінің басшысына танысуға жіберудің соңғы күні",
            "ru": "Акт мероприятия контроля направляется руководителю субъекта контроля для ознакомления",
            "en": "The act of the control measure is sent to the head of the subject of control for review",
        },
        term={
            "kk": "оны тағайындау туралы бұйрықта көрсетілген бақылау іс-шарасы аяқталған мерзімінен кешіктірмей",
            "ru": "не позднее срока завершения мероприятия контроля, указанного в приказе о его назначении",
            "en": "not later than the completion date of the control measure set in the order appointing it",
        },
    ),
    DeadlineRule(
        "control-act-reply", 51, "after", 3, "working_days",
        counts_from={
            "kk": "бақылау іс-шарасының актісін танысуға ұсынған күн",
            "ru": "день представления акта мероприятия контроля для ознакомления",
            "en": "the day the act of the control measure is submitted for review",
        },
        what={
            "kk": "Бақылау іс-шарасының нәтижелерімен келісу туралы хабарды немесе актіге қарсылықтарды жіберудің соңғы күні",
            "ru": "Руководитель субъекта контроля сообщает о согласии с результатами мероприятия контроля или направляет возражения на акт",
            "en": "The head of the subject of control reports agreement with the results of the control measure, or sends objections to the act,",
        },
        term={
            "kk": "бақылау іс-шарасының актісін танысуға ұсынған күннен бастап үш жұмыс күні ішінде",
            "ru": "в течение трех рабочих дней со дня представления акта для ознакомления",
            "en": "within three working days from the day the act is submitted for review",
        },
    ),
    DeadlineRule(
        "control-materials", 52, "after", 5, "working_days",
        counts_from={
            "kk": "бақылау іс-шарасы аяқталған күн",
            "ru": "день завершения мероприятия контроля",
            "en": "the day the control measure is completed",
        },
        what={
            "kk": "Бақылау іс-шарасының актісі мен материалдарын мемлекеттік орган басшысына ұсынудың соңғы күні",
            "ru": "Акт и материалы мероприятия контроля представляются руководителю государственного органа",
            "en": "The act and materials of the control measure are submitted to the head of the state body",
        },
        term={
            "kk": "бақылау іс-шарасы аяқталған күннен бастап бес жұмыс күні ішінде",
            "ru": "в течение пяти рабочих дней со дня завершения мероприятия контроля",
            "en": "within five working days from the day the control measure is completed",
        },
    ),
    DeadlineRule(
        "report-1mk", 60, "after", 15, "day_of_month", period="quarter",
        counts_from={
            "kk": "есепті тоқсанның кез келген күні",
            "ru": "любой день отчетного квартала",
            "en": "any day of the reporting quarter",
        },
        what={
            "kk": "{quarter} ішкі бақылау бойынша жұмыс туралы есепті (1-мқ нысаны) талдамалық анықтамамен ұсынудың соңғы күні",
            "ru": "Отчет о работе по внутреннему контролю (форма 1-мк) {quarter} с аналитической справкой представляется",
            "en": "The report on internal control (form 1-mk) {quarter} with its analytical note is filed",
        },
        term={
            "kk": "тоқсан сайын есепті кезеңнен кейінгі 15-інен кешіктірмей",
            "ru": "ежеквартально не позднее 15 числа месяца, следующего за отчетным периодом",
            "en": "quarterly, not later than the 15th day of the month following the reporting period",
        },
    ),
    DeadlineRule(
        "report-1mk-district", 60, "after", 10, "day_of_month", period="quarter",
        counts_from={
            "kk": "есепті тоқсанның кез келген күні",
            "ru": "любой день отчетного квартала",
            "en": "any day of the reporting quarter",
        },
        what={
            "kk": "{quarter} ауданның (облыстық маңызы бар қаланың) жергілікті атқарушы органының ішкі бақылау бойынша есебін облыстың, республикалық маңызы бар қаланың, астананың жергілікті атқарушы органына ұсынудың соңғы күні",
            "ru": "Отчет местного исполнительного органа района (города областного значения) по внутреннему контролю {quarter} представляется в местный исполнительный орган области, города республиканского значения, столицы",
            "en": "The report on internal control of a district (city of oblast significance) local executive body {quarter} is submitted to the local executive body of the oblast, city of republican significance or the capital",
        },
        term={
            "kk": "есептік кезеңнен кейінгі айдың 10-ыншы күнінен кешіктірмей",
            "ru": "не позднее 10 числа месяца, следующего за отчетным периодом",
            "en": "not later than the 10th day of the month following the reporting period",
        },
    ),
    DeadlineRule(
        # The kk text says "25-інші күніне дейін" ("until the 25th"); the 2024
        # translation says "not later than on the 25th": the 25th is allowed.
        "report-2mk-4mk", 61, "after", 25, "day_of_month", period="quarter",
        counts_from={
            "kk": "есепті тоқсанның кез келген күні",
            "ru": "любой день отчетного квартала",
            "en": "any day of the reporting quarter",
        },
        what={
            "kk": "{quarter} Мемлекеттік корпорация, әріптестік ұйымдар арқылы және электронды түрде көрсетілген мемлекеттік қызметтер туралы ақпаратты (2-мқ, 3-мқ, 4-мқ нысандары) ұсынудың соңғы күні",
            "ru": "Сведения о государственных услугах, оказанных через Государственную корпорацию, организации-партнеры и в электронной форме (формы 2-мк, 3-мк, 4-мк), {quarter} представляются уполномоченным органом в сфере информатизации",
            "en": "The data on public services rendered through the State Corporation, partner organisations and electronically (forms 2-mk, 3-mk, 4-mk) {quarter} are submitted by the authorised body for informatisation",
        },
        term={
            "kk": "тоқсан сайын есептік кезеңнен кейінгі айдың 25-інші күніне дейін",
            "ru": "ежеквартально до 25 числа месяца, следующего за отчетным периодом",
            "en": "quarterly, not later than the 25th day of the month following the reporting period",
        },
    ),
)

RULES: dict[str, DeadlineRule] = {rule.id: rule for rule in _RULES}
assert len(RULES) == len(_RULES), "two deadline rules share an id"

# The sentence describe() builds; the date comes from formgen.locale.
_SENTENCE: dict[str, str] = {
    "kk": "{what} — {date} (Қағидалардың {paragraph}-тармағы: {term})",
    "ru": "{what} не позднее {date} (пункт {paragraph} Правил: {term})",
    "en": "{what} no later than {date} (paragraph {paragraph} of the Rules: {term})",
}
_PARAGRAPH: dict[str, str] = {"kk": "{paragraph}-тармақ", "ru": "пункт {paragraph}", "en": "paragraph {paragraph}"}


def get_rule(rule_id: str) -> DeadlineRule:
    """The rule rule_id, or a FormgenError listing the known ones."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise FormgenError(f"unknown deadline rule {rule_id!r}; known rules: {', '.join(RULES)}") from None


def parse_date(text: str) -> date:
    """An ISO date (YYYY-MM-DD), or a FormgenError saying what is wrong with it."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise FormgenError(f"bad date {text!r}: expected YYYY-MM-DD, e.g. 2026-02-16")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise FormgenError(f"bad date {text!r}: {error}") from None


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _period_bounds(period: Period, d: date) -> tuple[date, date]:
    if period == "quarter":
        return quarter_bounds(d.year, _quarter(d))
    return date(d.year, 1, 1), date(d.year, 12, 31)


def _day_of_month(rule: DeadlineRule, d: date) -> date:
    """Day rule.amount of the month after the period d falls in (before it, for 'before' rules)."""
    assert rule.period is not None
    start, end = _period_bounds(rule.period, d)
    month = end + timedelta(days=1) if rule.direction == "after" else start - timedelta(days=1)
    return month.replace(day=rule.amount)


_COUNTERS: dict[Unit, Callable[[DeadlineRule, date], date]] = {
    "working_days": lambda r, d: add_working_days(d, r.amount if r.direction == "after" else -r.amount),
    "calendar_days": lambda r, d: d + timedelta(days=r.amount if r.direction == "after" else -r.amount),
    "day_of_month": _day_of_month,
}


def _count(rule: DeadlineRule, d: date) -> date:
    # Counting from the day before makes d itself day 1 (if it is a working day).
    return _COUNTERS[rule.unit](rule, d - timedelta(days=1) if rule.counts_first_day else d)


def deadline(rule_id: str, from_date: date) -> date:
    """The last date the rule allows, counted from from_date (see the module's docstring)."""
    return _count(get_rule(rule_id), from_date)


def _check_lang(lang: str) -> Lang:
    if lang not in LANGS:
        raise FormgenError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    return lang  # type: ignore[return-value]


def paragraph_label(paragraph: int, lang: Lang) -> str:
    """"14-тармақ" / "пункт 14" / "paragraph 14"."""
    return _PARAGRAPH[_check_lang(lang)].format(paragraph=paragraph)


def describe(rule_id: str, from_date: date, lang: Lang) -> str:
    """One sentence: what is due, by which date in lang's official style, and the paragraph's wording."""
    rule = get_rule(rule_id)
    _check_lang(lang)
    quarter = format_for_quarter(from_date.year, _quarter(from_date), lang) if rule.period == "quarter" else ""
    what = rule.what[lang].format(quarter=quarter, year=from_date.year)
    return _SENTENCE[lang].format(what=what, date=format_date(deadline(rule_id, from_date), lang),
                                  paragraph=rule.paragraph, term=rule.term[lang])


# ---------------------------------------------------------------- documents

@dataclass(frozen=True)
class DeadlineWarning:
    """A document dated later than a time limit of the Rules allows."""

    rule_id: str
    paragraph: int
    path: str  # the dotted field path of the late date
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class _Check:
    """Which date of a form a rule limits, and which field it counts from."""

    rule: str | Callable[[Any], str]  # a rule id, or how to pick it from the model
    counts_from: str  # dotted path of the date the rule counts from
    field: str  # dotted path of the date checked
    note: str = ""  # what the message must add about how the form's fields are read


_START_NOTICE_ANY_TYPE = _Check(
    "audit-start-unscheduled", "audit_period.start", "start_notice.date",
    "the form does not say whether the audit was planned, so the shorter, unscheduled, limit is checked",
)

# Per form, what its fields allow checking.  auditors-change: the date of the
# decision to change the auditors is not on the form, so nothing is checkable.
# The draft certificate (paragraph 16), the objections (17) and the request's
# follow-up (20, 21, 23) are not dated on any form.
_CHECKS: dict[str, tuple[_Check, ...]] = {
    "audit-start": (_Check(lambda m: f"audit-start-{m.audit_type.kind}", "audit_period.start", "date"),),
    "auditors-change": (),
    "audit-suspension": (
        _Check("audit-suspension", "suspended_from", "date",
               "the date the period is suspended from is taken as the day of the decision"),
        _START_NOTICE_ANY_TYPE,
    ),
    "audit-resumption": (
        _Check("audit-resumption", "resumed.start", "date",
               "the date the period resumes from is taken as the day of the decision"),
    ),
    "audit-certificate": (_START_NOTICE_ANY_TYPE,),
    "violations-request": (_START_NOTICE_ANY_TYPE,),
}
assert set(_CHECKS) == set(AUDIT_SCHEMAS), "every audit form needs a row, even an empty one"


def _get(model: Any, path: str) -> Any:
    for name in path.split("."):
        model = getattr(model, name)
    return model


def check_audit_document(form_id: str, model: Any) -> list[DeadlineWarning]:
    """The time limits a validated audit document (formgen.validate) breaks, judged by its own dates."""
    if form_id not in _CHECKS:
        raise UnknownForm(form_id, list(_CHECKS))
    if not isinstance(model, AUDIT_SCHEMAS[form_id]):
        raise FormgenError(f"check_audit_document({form_id!r}) needs a {AUDIT_SCHEMAS[form_id].__name__} "
                           f"(formgen.validate makes one), got {type(model).__name__}")
    warnings = []
    for check in _CHECKS[form_id]:
        rule = RULES[check.rule(model) if callable(check.rule) else check.rule]
        counted_from, value = _get(model, check.counts_from), _get(model, check.field)
        limit = deadline(rule.id, counted_from)
        if value > limit:
            note = f"; {check.note}" if check.note else ""
            warnings.append(DeadlineWarning(rule.id, rule.paragraph, check.field, (
                f"{value.isoformat()} is after {limit.isoformat()}, the last date paragraph {rule.paragraph} "
                f"of the Rules allows ({rule.term['en']}; {check.counts_from} is {counted_from.isoformat()}{note})")))
    return warnings
