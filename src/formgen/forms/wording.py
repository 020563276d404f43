"""The legal wording of each form in each language, read from templates/<lang>/*.yaml.

The wording files are the one place where a form's text lives: the templates
are generated from them (see formgen.authoring) and the tests read them to check
that every numbered item reaches the output.

A wording file keeps the text as its source prints it, misprints included;
the misprints are corrected here, as the wording is loaded, from one list
(data/errata.yaml), so that a correction made once reaches every form it
concerns.  The same list names the slips of the official text that are kept
as printed.  An erratum whose printed text is no longer in the wording it
names is stale, and loading that wording fails.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ..errors import FormgenError
from ..locale import Lang
from ..resources import DATA_DIR, TEMPLATES_DIR, read_yaml

ERRATA_FILE = DATA_DIR / "errata.yaml"
KINDS = ("misprint", "slip")  # corrected as loaded / kept as printed, only listed


@dataclass(frozen=True)
class Erratum:
    """One fault of a source text: where the seed prints it, which wording carries it, and what to print."""

    seed: str                  # file name in the seeds folder
    lines: tuple[int, ...]     # the line(s) where the seed prints it, one per occurrence
    lang: str
    forms: tuple[str, ...]     # wording names ("report-1mk", "common", ...)
    printed: str               # as the seed prints it, and as the wording file keeps it
    corrected: str             # what is printed instead (a slip: what the text should have said)
    kind: str                  # "misprint" or "slip"
    note: str = ""

    @property
    def applied(self) -> bool:
        return self.kind == "misprint"


class StaleErratum(FormgenError):
    """An erratum's printed text is not in the wording it names: the wording changed, the list did not."""


def _erratum(entry: dict[str, Any]) -> Erratum:
    lines = entry["lines"] if isinstance(entry["lines"], list) else [entry["lines"]]
    forms = entry["forms"] if isinstance(entry["forms"], list) else [entry["forms"]]
    erratum = Erratum(seed=entry["seed"], lines=tuple(lines), lang=entry["lang"], forms=tuple(forms),
                      printed=entry["printed"], corrected=entry["corrected"], kind=entry["kind"],
                      note=entry.get("note", ""))
    if erratum.kind not in KINDS:
        raise FormgenError(f"erratum {erratum.printed!r}: kind must be one of {', '.join(KINDS)}, not {erratum.kind!r}")
    if erratum.printed == erratum.corrected:
        raise FormgenError(f"erratum {erratum.printed!r} corrects nothing")
    for name in erratum.forms:   # a misspelt form or language would silently correct nothing
        if not (TEMPLATES_DIR / erratum.lang / f"{name}.yaml").is_file():
            raise FormgenError(f"erratum {erratum.printed!r} names {erratum.lang}/{name}, which has no wording")
    return erratum


@functools.cache
def errata() -> tuple[Erratum, ...]:
    """Every erratum of data/errata.yaml, in its order."""
    return tuple(_erratum(entry) for entry in read_yaml(ERRATA_FILE))


def _strings(node: Any):
    """Every string of a parsed wording file."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _replace(node: Any, old: str, new: str) -> Any:
    if isinstance(node, str):
        return node.replace(old, new)
    if isinstance(node, dict):
        return {key: _replace(value, old, new) for key, value in node.items()}
    if isinstance(node, list):
        return [_replace(value, old, new) for value in node]
    return node


def apply_errata(lang: str, name: str, words: Any, listed: tuple[Erratum, ...]) -> Any:
    """The wording `name` in `lang` with its misprints corrected; fails on a stale erratum."""
    for erratum in listed:
        if erratum.lang != lang or name not in erratum.forms:
            continue
        if not any(erratum.printed in text for text in _strings(words)):
            raise StaleErratum(f"erratum ({erratum.seed}, line {', '.join(map(str, erratum.lines))}): "
                               f"{erratum.printed!r} is not in the {lang} wording of {name}; "
                               f"correct data/errata.yaml")
        if erratum.applied:
            words = _replace(words, erratum.printed, erratum.corrected)
    return words


def raw_wording(lang: Lang, name: str) -> dict[str, Any]:
    """The wording file `name` in `lang` as it is written, misprints of its source included."""
    return read_yaml(TEMPLATES_DIR / lang / f"{name}.yaml")


@functools.cache
def wording(lang: Lang, name: str) -> dict[str, Any]:
    """The parsed wording file `name` (a form id, or "common") in `lang`, its source's misprints corrected."""
    return apply_errata(lang, name, raw_wording(lang, name), errata())
