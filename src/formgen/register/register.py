"""The register of issued documents: outgoing numbers, what each document was made from, the
trail of what was done with it, and the answer to "is this file genuine?".

    >>> from formgen import Register
    >>> register = Register()                       # the SQLite file in the data directory
    >>> issued = register.issue("audit-start", case, lang="ru", formats=("pdf", "docx"), issued_by="clerk")
    >>> issued.entry.number, issued.files["pdf"]

A number is taken in the transaction that writes its entry, so a failed or
killed issue leaves no number behind; the files are rendered in that
transaction too (their SHA-256 are part of the entry) and written by the
caller only after it commits.  Rendering is deterministic, so any entry's
files can be produced again, byte for byte (reprint).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, RowMapping, and_, bindparam, insert, select, text, true, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from .. import api
from ..errors import FormgenError, InvalidData, Problem
from ..forms.registry import FormSpec, get_form
from ..forms.schemas.common import Model
from ..locale import LANGS, Lang
from ..rendering.document import Registration, render_document
from ..resources import TEMPLATES_DIR
from . import archive, db, journal, trail
from .models import counters, entries, numbering, outputs
from .numbering import DEFAULT_MASK, Mask, parse_mask
from .verification import PUBLIC_URL_ENV, Verification, verification_mark

if TYPE_CHECKING:
    from .accounts import Accounts

ALMATY = ZoneInfo("Asia/Almaty")
ISSUE_FORMATS = ("pdf", "docx")
ARCHIVE_FORMAT = "pdf"
"""The archive copy (PDF/A-3b, its record attached): issued by default; an entry issued only as DOCX
gets its PDF's hash recorded when the PDF is first reprinted."""
NUMBER_FIELD = "number"
Status = Literal["issued", "voided"]
Action = Literal["reprint", "download"]

RECORD_FIELDS = ("number", "authority", "department", "form_id", "year", "seq", "edition", "lang", "document_date",
                 "issued_at", "issued_by", "formgen_version", "template_sha256", "options", "verify_base")
"""The entry's fields its digest covers (with the case data) and its PDF carries."""


@dataclass(frozen=True)
class Entry:
    """One issued document as the register keeps it."""

    id: int
    number: str
    form_id: str
    lang: Lang
    edition: str
    """The edition of the act the form follows (Order No. 101 of 25.06.2024 for the Rules' forms)."""
    authority: str
    department: str
    year: int
    seq: int | None
    """The number in its series; None for a number from the body's own document-management system."""
    case_data: dict[str, Any]
    """The validated case data the document was made from, its number filled in."""
    options: dict[str, Any]
    document_date: dt.date
    issued_at: dt.datetime
    """The moment of issue, in Asia/Almaty time."""
    issued_by: str
    formgen_version: str
    template_sha256: str
    verify_base: str | None
    """The public base URL its QR code names; None when it carries no code."""
    entity_bin: str | None
    digest: str
    """SHA-256 of the record: the fields of RECORD_FIELDS and the case data."""
    outputs: dict[str, str]
    """Format → SHA-256 of the file."""
    status: Status
    voided_at: dt.datetime | None = None
    voided_by: str | None = None
    void_reason: str | None = None

    @property
    def external(self) -> bool:
        return self.seq is None

    def file_name(self, fmt: str) -> str:
        """A file name for the entry's document: entry id, form and number (its slashes and the like as dashes)."""
        number = re.sub(r"[^0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі._-]+", "-", self.number)
        return f"{self.id:05d}_{self.form_id}_{number}.{fmt}"

    def record_fields(self) -> dict[str, Any]:
        values = {name: getattr(self, name) for name in RECORD_FIELDS}
        values["document_date"] = self.document_date.isoformat()
        values["issued_at"] = self.issued_at.isoformat()
        return values

    def to_json(self) -> dict[str, Any]:
        """Everything the entry holds, as JSON values."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        for name in ("document_date", "issued_at", "voided_at"):
            values[name] = values[name].isoformat() if values[name] else None
        return values


@dataclass(frozen=True)
class Issued:
    """An entry just written and the files it was issued as (format → bytes)."""

    entry: Entry
    files: dict[str, bytes]


@dataclass(frozen=True)
class NumberingRule:
    authority: str
    department: str
    """'' for every department."""
    form_id: str
    """'' for every form."""
    mask: str
    set_at: str
    set_by: str


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: the trail's length and last hash (worth writing down elsewhere), and every problem."""

    events: int
    entries: int
    head: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Register:
    """The register of issued documents in one database (SQLite by default, or PostgreSQL by URL).

    database_url: sqlite:///PATH or postgresql://USER@HOST/DB; default $FORMGEN_DATABASE_URL, else
    register.sqlite3 in data_dir ($FORMGEN_DATA_DIR, else the user's data directory).  The database
    is created and migrated on first use.  public_url: the base of the verification address the QR
    codes name (default $FORMGEN_PUBLIC_URL); when set, documents carry the code unless asked not to.
    """

    def __init__(self, database_url: str | None = None, *, data_dir: str | Path | None = None,
                 public_url: str | None = None):
        self.url = db.database_url(database_url, data_dir)
        self.public_url = (public_url if public_url is not None else os.environ.get(PUBLIC_URL_ENV)) or None
        self._engine = db.open_engine(self.url)

    @property
    def engine(self) -> Engine:
        """The database's engine, for the service's own tables beside the register's (drafts, jobs)."""
        return self._engine

    @functools.cached_property
    def accounts(self) -> Accounts:
        """The people and systems that may use the register through the service."""
        from .accounts import Accounts

        return Accounts(self._engine)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ issuing

    def issue(self, form_id: str, data: Mapping[str, Any], *, lang: Lang, issued_by: str,
              formats: Iterable[str] = (ARCHIVE_FORMAT,), authority: str = "", department: str = "",
              number: str | None = None, qr: bool | None = None, strict: bool = False,
              **options: Any) -> Issued:
        """Issue form_id in lang under the next number of its series (authority, department, form,
        year of the document's date), or under number, one from the body's own document-management
        system.  The case data carry no number of their own: the register fills it in.

        Returns the entry and the files of formats (pdf, docx).  Raises UnknownForm, InvalidData (every
        problem with its field path) or FormgenError; then the register is unchanged.
        """
        spec = get_form(form_id)
        wanted = _issue_formats(spec, formats)
        if lang not in LANGS:
            raise FormgenError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
        unknown = set(options) - set(spec.options)
        if unknown:
            raise FormgenError(f"{form_id} takes no option {', '.join(sorted(unknown))}"
                               + (f"; its options: {', '.join(spec.options)}" if spec.options else ""))
        if not isinstance(data, Mapping):
            raise InvalidData([Problem("", "the case data must be a JSON object")])
        has_number = NUMBER_FIELD in spec.schema.model_fields
        if has_number and NUMBER_FIELD in data:
            raise InvalidData([Problem(NUMBER_FIELD, "an issued document takes its number from the register: "
                                       "leave it out of the case data (a number from your own system goes to "
                                       "--number / number=)")])
        model = api.validate(form_id, {**data, NUMBER_FIELD: "0"} if has_number else data, lang)
        api.check_time_limits(form_id, model, strict, stacklevel=3)
        authority, department = _code("authority", authority), _code("department", department)
        issued_by = _code("issued_by", issued_by, required=True)
        external = None if number is None else _code("number", number, required=True)
        if qr and not self.public_url:
            raise FormgenError(f"a QR code names the register's public address: set {PUBLIC_URL_ENV} "
                               f"(or public_url) first")
        verify_base = self.public_url if (qr if qr is not None else bool(self.public_url)) else None
        issued_at = dt.datetime.now(ALMATY).replace(microsecond=0)
        own_date = getattr(model, "date", None)
        document_date = own_date if isinstance(own_date, dt.date) else issued_at.date()
        year = document_date.year
        taken = external
        try:
            with db.writing(self._engine) as connection:
                if external is None:
                    mask = _mask(connection, authority, department, form_id)
                    if mask.needs_department and not department:
                        raise FormgenError(f"the mask {mask.text!r} holds {{dept}}: give the department")
                    seq = _next_seq(connection, authority, department, form_id, year)
                    taken = mask.format(seq, year, department)
                else:
                    seq, taken = None, external
                    _check_external(connection, authority, year, taken)
                if has_number:
                    model = model.model_copy(update={NUMBER_FIELD: taken})
                fields = {"number": taken, "authority": authority, "department": department, "form_id": form_id,
                          "year": year, "seq": seq, "edition": spec.edition, "lang": lang,
                          "document_date": document_date.isoformat(), "issued_at": issued_at.isoformat(),
                          "issued_by": issued_by,
                          "formgen_version": _formgen_version(), "template_sha256": template_sha256(form_id, lang),
                          "options": options, "verify_base": verify_base}
                case = model.model_dump(mode="json", exclude_unset=True)
                case_json = trail.canonical(case)
                digest = trail.sha256(archive.record_bytes(fields, case_json))
                registration = _registration(fields, case_json, digest)
                files = {fmt: render_document(spec, model, lang, fmt, registration=registration, **options)
                         for fmt in wanted}
                hashes = {fmt: trail.sha256(content) for fmt, content in files.items()}
                entry_id = connection.execute(insert(entries), {
                    **fields, "document_date": document_date, "options": trail.canonical(options), "digest": digest,
                    "case_data": case_json, "entity_bin": _entity_bin(model), "status": "issued",
                    "voided_at": None, "voided_by": None, "void_reason": None}).inserted_primary_key[0]
                connection.execute(insert(outputs), [
                    {"entry_id": entry_id, "format": fmt, "sha256": hashes[fmt], "size": len(files[fmt])}
                    for fmt in files])
                trail.append(connection, "issue", fields["issued_by"], fields["issued_at"],
                             {"digest": digest, "number": taken, "outputs": hashes}, entry_id)
        except IntegrityError:
            raise FormgenError(f"the number {taken!r} is already taken in {form_id} {year}"
                               + (f" of {authority}" if authority else "")
                               + ": change the numbering mask, or give another number") from None
        entry = Entry(id=entry_id, **{**fields, "document_date": document_date, "issued_at": issued_at},
                      case_data=case, entity_bin=_entity_bin(model), digest=digest, outputs=hashes, status="issued")
        return Issued(entry, files)

    def reprint(self, entry_id: int, fmt: str = ARCHIVE_FORMAT, *, by: str, action: Action = "reprint") -> bytes:
        """The file of an entry in fmt, produced again: the same bytes as when it was issued (a format
        first asked for now is recorded as the entry's).  action names the event: reprint, or download
        (a service handing the file out again).  FormgenError when the templates changed since."""
        if action not in ("reprint", "download"):
            raise FormgenError(f"unknown action {action!r}: reprint or download")
        entry = self.get(entry_id)
        spec = get_form(entry.form_id)
        if fmt not in ISSUE_FORMATS or fmt not in spec.formats:
            raise FormgenError(f"an issued document is {' or '.join(ISSUE_FORMATS)}, not {fmt}")
        content = _render(entry, fmt)
        digest = trail.sha256(content)
        recorded = entry.outputs.get(fmt)
        if recorded is not None and recorded != digest:
            raise FormgenError(
                f"entry {entry.id} (No. {entry.number}) as {fmt} would differ from the file issued: it was made "
                f"by formgen {entry.formgen_version} with templates {entry.template_sha256[:12]}…, this is formgen "
                f"{_formgen_version()} with templates {template_sha256(entry.form_id, entry.lang)[:12]}…")
        with db.writing(self._engine) as connection:
            if recorded is None and not connection.execute(select(outputs.c.sha256).where(
                    outputs.c.entry_id == entry.id, outputs.c.format == fmt)).first():
                connection.execute(insert(outputs).values(entry_id=entry.id, format=fmt, sha256=digest,
                                                          size=len(content)))
            trail.append(connection, action, _code("by", by, required=True), _now(),
                         {"format": fmt, "sha256": digest}, entry.id)
        return content

    def void(self, entry_id: int, reason: str, *, by: str) -> Entry:
        """Void an entry, with the reason; its number stays taken, and it stays voided."""
        reason = " ".join((reason or "").split())
        if not reason:
            raise FormgenError("give the reason for voiding")
        by = _code("by", by, required=True)
        with db.writing(self._engine) as connection:
            row = connection.execute(select(entries).where(entries.c.id == entry_id).with_for_update()).first()
            if row is None:
                raise FormgenError(f"no entry {entry_id} in the register")
            if row.status == "voided":
                raise FormgenError(f"entry {entry_id} (No. {row.number}) is already voided: on {row.voided_at} "
                                   f"by {row.voided_by}, {row.void_reason!r}")
            at = _now()
            connection.execute(update(entries).where(entries.c.id == entry_id).values(
                status="voided", voided_at=at, voided_by=by, void_reason=reason))
            trail.append(connection, "void", by, at, {"digest": row.digest, "reason": reason}, entry_id)
            return _entry(connection, entry_id)

    # ------------------------------------------------------------------ reading

    def get(self, entry_id: int) -> Entry:
        with db.reading(self._engine) as connection:
            return _entry(connection, entry_id)

    def entries(self, *, form_id: str | None = None, year: int | None = None, entity_bin: str | None = None,
                status: Status | None = None, number: str | None = None, authority: str | None = None,
                department: str | None = None) -> list[Entry]:
        """The entries that match every filter given, in the order they were issued."""
        if form_id is not None:
            get_form(form_id)
        if status is not None and status not in ("issued", "voided"):
            raise FormgenError(f"unknown status {status!r}: issued or voided")
        conditions = [column == value for column, value in (
            (entries.c.form_id, form_id), (entries.c.year, year), (entries.c.entity_bin, entity_bin),
            (entries.c.status, status), (entries.c.number, number), (entries.c.authority, authority),
            (entries.c.department, department)) if value is not None]
        with db.reading(self._engine) as connection:
            return _entries(connection, and_(true(), *conditions))

    def export(self, fmt: Literal["csv", "xlsx"], *, lang: Lang = "kk", by: str, **filters: Any) -> bytes:
        """The outgoing-documents journal of the entries that match filters (as for entries), as CSV or
        XLSX with headings in lang; the export is an event of the trail."""
        if fmt not in ("csv", "xlsx"):
            raise FormgenError(f"the journal is exported as csv or xlsx, not {fmt}")
        if lang not in LANGS:
            raise FormgenError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
        selected = self.entries(**filters)
        content = journal.to_csv(selected, lang) if fmt == "csv" else journal.to_xlsx(selected, lang)
        with db.writing(self._engine) as connection:
            trail.append(connection, "export", _code("by", by, required=True), _now(),
                         {"format": fmt, "lang": lang, "filters": {k: v for k, v in filters.items() if v is not None},
                          "entries": len(selected), "sha256": trail.sha256(content)})
        return content

    # ------------------------------------------------------------------ numbering

    def set_numbering(self, mask: str, *, by: str, authority: str = "", department: str = "",
                      form_id: str = "") -> NumberingRule:
        """Number the documents of authority (its department, its form; '' for all) after mask, from the
        next number on.  The most specific rule applies: department before form."""
        parsed = parse_mask(mask)
        if form_id:
            get_form(form_id)
        key = {"authority": _code("authority", authority), "department": _code("department", department),
               "form_id": form_id}
        rule = NumberingRule(**key, mask=parsed.text, set_at=_now(), set_by=_code("by", by, required=True))
        with db.writing(self._engine) as connection:
            _upsert(connection, numbering, key, {"mask": rule.mask, "set_at": rule.set_at, "set_by": rule.set_by})
            trail.append(connection, "numbering", rule.set_by, rule.set_at, {**key, "mask": rule.mask})
        return rule

    def numbering_rules(self) -> list[NumberingRule]:
        with db.reading(self._engine) as connection:
            rows = connection.execute(select(numbering).order_by(numbering.c.authority, numbering.c.department,
                                                                 numbering.c.form_id))
            return [NumberingRule(**row._mapping) for row in rows]

    # ------------------------------------------------------------------ proving

    def verify(self, content: bytes) -> Verification:
        """Whether content is a file the register issued, unaltered and not voided.  The answer holds
        no personal data, so a public page may show it."""
        digest = trail.sha256(content)
        with db.reading(self._engine) as connection:
            found = connection.execute(select(entries.c.id, outputs.c.format).join(outputs).where(
                outputs.c.sha256 == digest)).first()
            if found is not None:
                return _verdict(_entry(connection, found.id), found.format)
            claimed = archive.claimed_digest(content)
            entry = _entry_by_digest(connection, claimed) if claimed else None
        if entry is None:
            return Verification("unknown", "not a document of this register: no file it issued has these bytes")
        return Verification("altered", f"altered: the file names No. {entry.number} of "
                            f"{entry.document_date.isoformat()} ({entry.form_id}), but its bytes are not those "
                            f"the register issued", **_public(entry))

    def lookup(self, digest: str) -> Verification:
        """The answer for the entry a QR code names by its digest (the /verify/<digest> page)."""
        with db.reading(self._engine) as connection:
            entry = _entry_by_digest(connection, digest.lower())
        if entry is None:
            return Verification("unknown", "no document of this register has this code")
        return _verdict(entry, None)

    def check(self) -> CheckReport:
        """Prove that nothing was altered or removed: the trail's chain, each entry against the event that
        issued it, each void and each file's hash against theirs, and every series without a gap."""
        with db.reading(self._engine) as connection:
            chain, problems = trail.chain_problems(connection)
            stored = _entries(connection, true())
            last_seq = {(r.authority, r.department, r.form_id, r.year): r.last_seq
                        for r in connection.execute(select(counters))}
        problems += _entry_problems(stored, chain, last_seq)
        return CheckReport(len(chain), len(stored), chain[-1].hash if chain else trail.GENESIS, problems)


# ---------------------------------------------------------------------- helpers

def _issue_formats(spec: FormSpec, formats: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(formats))
    wrong = [f for f in wanted if f not in ISSUE_FORMATS]
    if wrong or not wanted:
        raise FormgenError(f"an issued document is {' and/or '.join(ISSUE_FORMATS)}"
                           + (f", not {', '.join(wrong)}" if wrong else ""))
    return wanted


_LONGEST = {"department": 100, "number": 100}
"""The longest value of a field, where its column is shorter than 200 characters."""


def _code(name: str, value: str | None, required: bool = False) -> str:
    """A short line of text (a code, a number, a name): stripped, printable, not longer than its column."""
    value = (value or "").strip()
    longest = _LONGEST.get(name, 200)
    if required and not value:
        raise FormgenError(f"{name}: give a value")
    if len(value) > longest or any(not c.isprintable() for c in value):
        raise FormgenError(f"{name}: {value[:40]!r} is not a line of at most {longest} printable characters")
    return value


def _now() -> str:
    return dt.datetime.now(ALMATY).replace(microsecond=0).isoformat()


@functools.cache
def _formgen_version() -> str:
    import formgen

    return formgen.__version__


@functools.cache
def template_sha256(form_id: str, lang: Lang) -> str:
    """One SHA-256 over every file a document of form_id in lang is made from: its DOCX and HTML
    templates, its wording, the common wording, the page skeleton and style."""
    names = [f"{lang}/{form_id}.docx", f"{lang}/{form_id}.html", f"{lang}/{form_id}.yaml", f"{lang}/common.yaml",
             "_document.html", "_document.css"]
    return trail.sha256(trail.canonical({name: trail.sha256((TEMPLATES_DIR / name).read_bytes())
                                         for name in names if (TEMPLATES_DIR / name).is_file()}))


def _entity_bin(model: Model) -> str | None:
    entity = getattr(model, "entity", None)
    return getattr(entity, "iin_bin", None)


_RULES = select(numbering.c.department, numbering.c.form_id, numbering.c.mask).where(
    numbering.c.authority == bindparam("authority"),
    numbering.c.department.in_([bindparam("department"), ""]), numbering.c.form_id.in_([bindparam("form_id"), ""]))


def _mask(connection: Connection, authority: str, department: str, form_id: str) -> Mask:
    """The most specific rule for the series (department before form), else {seq}."""
    rules = connection.execute(_RULES, {"authority": authority, "department": department, "form_id": form_id}).all()
    best = max(rules, key=lambda r: (r.department != "", r.form_id != ""), default=None)
    return Mask(best.mask if best else DEFAULT_MASK)


def _upsert(connection: Connection, table, key: dict[str, Any], values: dict[str, Any]) -> None:
    make = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = make(table).values(**key, **values)
    connection.execute(statement.on_conflict_do_update(index_elements=list(key), set_=values))


_NEXT_SEQ = text(
    "INSERT INTO counters (authority, department, form_id, year, last_seq) "
    "VALUES (:authority, :department, :form_id, :year, 1) "
    "ON CONFLICT (authority, department, form_id, year) DO UPDATE SET last_seq = counters.last_seq + 1 "
    "RETURNING last_seq")
"""The counter of a series created at 1 or incremented, in one statement that locks its row until the
transaction ends (PostgreSQL; a SQLite writer holds the whole file).  Plain SQL, the same for both:
SQLAlchemy would compile its upsert construct anew on every call."""


def _next_seq(connection: Connection, authority: str, department: str, form_id: str, year: int) -> int:
    return connection.execute(_NEXT_SEQ, {
        "authority": authority, "department": department, "form_id": form_id, "year": year}).scalar_one()


def _check_external(connection: Connection, authority: str, year: int, number: str) -> None:
    taken = connection.execute(select(entries.c.id, entries.c.form_id).where(
        entries.c.authority == authority, entries.c.year == year, entries.c.number == number)).first()
    if taken is not None:
        raise FormgenError(f"the number {number!r} is already registered in {year} (entry {taken.id}, "
                           f"{taken.form_id}); an external number is used once")


def _registration(fields: dict[str, Any], case: dict[str, Any] | str, digest: str) -> Registration:
    base = fields["verify_base"]
    mark = verification_mark(base, digest, fields["number"], fields["lang"]) if base else None
    return Registration(fields["number"], digest, dt.date.fromisoformat(fields["document_date"]),
                        archive.record_bytes({**fields, "digest": digest}, case), mark)


def _render(entry: Entry, fmt: str) -> bytes:
    spec = get_form(entry.form_id)
    model = api.validate(entry.form_id, entry.case_data, entry.lang)
    registration = _registration(entry.record_fields(), entry.case_data, entry.digest)
    return render_document(spec, model, entry.lang, fmt, registration=registration, **entry.options)


def _row_entry(row: RowMapping, files: dict[str, str]) -> Entry:
    def moment(text: str | None) -> dt.datetime | None:
        return dt.datetime.fromisoformat(text) if text else None

    return Entry(id=row["id"], number=row["number"], form_id=row["form_id"], lang=row["lang"],
                 edition=row["edition"], authority=row["authority"], department=row["department"], year=row["year"],
                 seq=row["seq"], case_data=json.loads(row["case_data"]), options=json.loads(row["options"]),
                 document_date=row["document_date"], issued_at=moment(row["issued_at"]), issued_by=row["issued_by"],
                 formgen_version=row["formgen_version"], template_sha256=row["template_sha256"],
                 verify_base=row["verify_base"], entity_bin=row["entity_bin"], digest=row["digest"],
                 outputs=files, status=row["status"], voided_at=moment(row["voided_at"]),
                 voided_by=row["voided_by"], void_reason=row["void_reason"])


def _entries(connection: Connection, where) -> list[Entry]:
    files: dict[int, dict[str, str]] = {}
    for row in connection.execute(select(outputs).where(outputs.c.entry_id.in_(select(entries.c.id).where(where)))):
        files.setdefault(row.entry_id, {})[row.format] = row.sha256
    return [_row_entry(row, files.get(row["id"], {}))
            for row in connection.execute(select(entries).where(where).order_by(entries.c.id)).mappings()]


def _entry(connection: Connection, entry_id: int) -> Entry:
    found = _entries(connection, entries.c.id == entry_id)
    if not found:
        raise FormgenError(f"no entry {entry_id} in the register")
    return found[0]


def _entry_by_digest(connection: Connection, digest: str) -> Entry | None:
    found = _entries(connection, entries.c.digest == digest)
    return found[0] if found else None


def _public(entry: Entry) -> dict[str, Any]:
    return {"entry_id": entry.id, "number": entry.number, "form_id": entry.form_id,
            "document_date": entry.document_date, "issued_at": entry.issued_at, "voided_at": entry.voided_at}


def _verdict(entry: Entry, fmt: str | None) -> Verification:
    what = f"No. {entry.number} of {entry.document_date.isoformat()} ({entry.form_id})"
    if entry.status == "voided":
        return Verification("voided", f"voided: {what} was issued by the register, unaltered, but voided on "
                            f"{entry.voided_at.date().isoformat()}", format=fmt, **_public(entry))
    return Verification("valid", f"valid: {what}, issued {entry.issued_at.isoformat()}, "
                        + ("unaltered and in force" if fmt else "in force"), format=fmt, **_public(entry))


def _entry_problems(stored: Sequence[Entry], chain: Sequence[trail.Event],
                    last_seq: dict[tuple[str, str, str, int], int]) -> list[str]:
    """Each entry against the events about it, and each series against its counter."""
    problems = []
    issued = {e.entry_id: e for e in chain if e.action == "issue"}
    voided = {e.entry_id: e for e in chain if e.action == "void"}
    added = {(e.entry_id, e.details["format"]): e.details["sha256"] for e in chain
             if e.action in ("reprint", "download")}
    series: dict[tuple[str, str, str, int], list[int]] = {}
    for entry in stored:
        what = f"entry {entry.id} (No. {entry.number})"
        if trail.sha256(archive.record_bytes(entry.record_fields(), entry.case_data)) != entry.digest:
            problems.append(f"{what} was altered: its data no longer give its digest")
        event = issued.get(entry.id)
        if event is None:
            problems.append(f"{what} has no issue event in the trail")
        else:
            if event.details["digest"] != entry.digest:
                problems.append(f"{what} is not the entry its issue event (event {event.id}) recorded")
            for fmt, digest in entry.outputs.items():
                if event.details["outputs"].get(fmt, added.get((entry.id, fmt))) != digest:
                    problems.append(f"{what}: the SHA-256 of its {fmt} is not the one the trail recorded")
        if (entry.status == "voided") != (entry.id in voided):
            problems.append(f"{what} is {entry.status}, but the trail says "
                            + ("it was voided" if entry.id in voided else "it was never voided"))
        if entry.seq is not None:
            series.setdefault((entry.authority, entry.department, entry.form_id, entry.year), []).append(entry.seq)
    for entry_id in issued.keys() - {e.id for e in stored}:
        problems.append(f"entry {entry_id}, issued in event {issued[entry_id].id}, is missing from the register")
    for key, seqs in sorted(series.items()):
        authority, department, form_id, year = key
        name = f"the series {form_id} {year}" + (f" {department}" if department else "") + (
            f" of {authority}" if authority else "")
        missing = sorted(set(range(1, last_seq.get(key, 0) + 1)) - set(seqs))
        if missing:
            problems.append(f"{name} has no entry for number(s) {', '.join(map(str, missing[:10]))}")
        if max(seqs) > last_seq.get(key, 0) or len(set(seqs)) != len(seqs):
            problems.append(f"{name} does not agree with its counter ({last_seq.get(key, 0)})")
    return problems
