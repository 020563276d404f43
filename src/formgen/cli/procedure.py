"""Commands for the procedure around the forms: `formgen deadline` and `formgen risk`.

Plain click commands, registered on the main group by formgen.cli.  Bad input
raises FormgenError with the reason; the main CLI prints it and exits 2.
"""

from __future__ import annotations

import click

from ..errors import FormgenError
from ..forms.limits import date_out_of_range
from ..locale import LANGS, Lang, format_number
from ..procedure.deadlines import RULES, describe, get_rule, paragraph_label, parse_date
from ..procedure.risk import RiskScore, Term, criteria, score, severity_name

__all__ = ["deadline_command", "risk_command"]

_LANG_OPTION = click.option("--lang", type=click.Choice(LANGS), default="kk", show_default=True)


@click.command("deadline")
@click.argument("rule_id", metavar="RULE", required=False)
@click.option("--from", "from_date", metavar="DATE", help="The date the rule counts from (YYYY-MM-DD).")
@click.option("--list", "list_rules", is_flag=True, help="List the rules: id, paragraph, time limit, what --from is.")
@_LANG_OPTION
def deadline_command(rule_id: str | None, from_date: str | None, list_rules: bool, lang: Lang) -> None:
    """The last allowed date under RULE of the Rules, counted from --from DATE."""
    if list_rules:
        for rule in RULES.values():
            click.echo(f"{rule.id:<24} {paragraph_label(rule.paragraph, lang)}: {rule.term[lang]}")
            click.echo(f"{'':<24} --from: {rule.counts_from[lang]}")
        return
    if rule_id is None:
        raise FormgenError("give a RULE and --from DATE, or --list to see the rules")
    get_rule(rule_id)  # an unknown rule is the first thing to report
    if from_date is None:
        raise FormgenError(f"--from DATE is missing: {rule_id} counts from {RULES[rule_id].counts_from['en']}")
    start = parse_date(from_date)
    reason = date_out_of_range(start)
    if reason:
        raise FormgenError(f"--from: {reason}")
    click.echo(describe(rule_id, start, lang))


# The risk report's wording.  {n}: numbers, {sp1}/{sp2}: counts.
_RISK_TEXT: dict[str, dict[str, str]] = {
    "significant": {"kk": "SPз (елеулі бұзушылықтар)", "ru": "SPз (значительные нарушения)",
                    "en": "SPз (significant violations)"},
    "minor": {"kk": "SPн (елеусіз бұзушылықтар)", "ru": "SPн (незначительные нарушения)",
              "en": "SPн (minor violations)"},
    "no_criteria": {"kk": "қолданылатын өлшемшарт жоқ", "ru": "нет применимых критериев",
                    "en": "no applicable criterion"},
    "gross": {"kk": "өрескел бұзушылық (өлшемшарттар: {n}) — көрсеткіш 100-ге теңестіріледі",
              "ru": "грубое нарушение (критерии: {n}) — показатель приравнивается к 100",
              "en": "gross violation (criteria: {n}) — the indicator is set to 100"},
    "degree": {"kk": "Тәуекел дәрежесі", "ru": "Степень риска", "en": "Degree of risk"},
    "high": {"kk": "жоғары", "ru": "высокая", "en": "high"},
    "not_high": {"kk": "жоғары дәрежеге жатқызылмаған", "ru": "не отнесенная к высокой",
                 "en": "not classified as high"},
    "violated": {"kk": "Бұзылған өлшемшарттар", "ru": "Нарушенные критерии", "en": "Violated criteria"},
    "none": {"kk": "жоқ", "ru": "нет", "en": "none"},
}


def _parse_numbers(text: str | None, option: str) -> set[int] | None:
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    bad = [p for p in parts if not p.isdigit()]
    if bad:
        raise FormgenError(f"{option}: not criterion numbers: {', '.join(bad)} (give numbers like 3,7,22)")
    return {int(p) for p in parts}


def _term_line(term: Term, lang: Lang) -> str:
    label = _RISK_TEXT[term.severity][lang]
    counts = f"SP1 = {term.sp1}, SP2 = {term.sp2}"
    if not term.sp1:
        return f"{label}: {counts}: {_RISK_TEXT['no_criteria'][lang]} → {format_number(term.shown, lang)}"
    coefficient = format_number(term.coefficient, lang)
    return (f"{label}: {counts}: ({term.sp2} × 100 / {term.sp1}) × {coefficient} = "
            f"{format_number(term.shown, lang)}")


def risk_report(result: RiskScore, lang: Lang) -> list[str]:
    """The lines `formgen risk` prints: both terms, SP, the degree, the violated criteria."""
    lines = [_term_line(result.significant, lang), _term_line(result.minor, lang)]
    if result.gross:
        lines.append(_RISK_TEXT["gross"][lang].format(n=", ".join(map(str, result.gross))))
        lines.append(f"SP = {format_number(result.shown, lang)}")
    else:
        lines.append(f"SP = SPз + SPн = {format_number(result.shown, lang)}")
    lines.append(f"{_RISK_TEXT['degree'][lang]}: {_RISK_TEXT[result.degree][lang]}")
    lines.append(f"{_RISK_TEXT['violated'][lang]}:" + ("" if result.violated else f" {_RISK_TEXT['none'][lang]}"))
    table = criteria()
    lines += [f"  {n} ({severity_name(table[n].severity, lang)}): {table[n].text[lang]}" for n in result.violated]
    return lines


@click.command("risk")
@click.option("--violated", default="", metavar="N,N,...", help="Numbers of the violated subjective criteria (1-35).")
@click.option("--applicable", default=None, metavar="N,N,...", help="Criteria that apply to the subject (default: all 35).")
@_LANG_OPTION
def risk_command(violated: str, applicable: str | None, lang: Lang) -> None:
    """The degree of risk under joint order No. 102/57 of 4 May 2023 (paragraph 9)."""
    result = score(_parse_numbers(violated, "--violated") or set(), _parse_numbers(applicable, "--applicable"))
    for line in risk_report(result, lang):
        click.echo(line)
