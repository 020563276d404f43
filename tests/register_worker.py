"""A clerk's process for the register's load and fault tests: open the register, say "ready", wait
for "go" on stdin, then issue COUNT documents of FORM (its fixture, without a number) in FORMATS."""

import json
import sys

import formgen
from formgen.register import Register
from formgen.resources import FIXTURES_DIR

url, count, form_id, formats = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4].split(",")
case = json.loads((FIXTURES_DIR / f"{form_id}.json").read_text(encoding="utf-8"))
case.pop("number", None)
for fmt in formats:  # the back ends load now, so that "go" starts the issuing itself
    formgen.render(form_id, lang="ru", fmt=fmt, blank=True)
with Register(url) as register:
    print("ready", flush=True)
    sys.stdin.readline()
    for _ in range(count):
        issued = register.issue(form_id, case, lang="ru", issued_by="worker", formats=formats)
        print(issued.entry.number, flush=True)
