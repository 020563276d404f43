"""The fuzz suite's long run: N hostile cases (tests/fuzzing.py) through formgen.render, counted by outcome.

Each case is a form's fixture with one thing changed (hostile text, a wrong type, an extreme date,
deep nesting, a list over its limit, a field removed, an unknown key, a blank report's hostile
reporter), rendered in a format of the form: DOCX, HTML or XLSX, and every --pdf-every-th case as
PDF, whose glyphs are checked to stay inside their boxes.  The outcome of each: a valid document of
its format, or InvalidData naming every field.  Any other exception or a broken invariant is
printed with its case and counted; the exit status is then 1.

Cases come from hypothesis in chunks of --chunk, each chunk from its own seed (--seed + chunk), so
a run can be repeated and its memory stays flat.

    .venv/bin/python benchmarks/fuzz.py --cases 1000
    nice .venv/bin/python benchmarks/fuzz.py --cases 100000 --pdf-every 100 > fuzz.log   # the README's run
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing import Case, cases, check  # noqa: E402  (tests/ holds the suite)


def run(total: int, chunk: int, first_seed: int, pdf_every: int) -> int:
    outcomes: collections.Counter[str] = collections.Counter()
    failures: list[tuple[Case, str]] = []
    slowest: list[tuple[float, str]] = []
    started = time.perf_counter()
    done = 0

    def one(case: Case) -> None:
        nonlocal done
        done += 1
        if done % pdf_every == 0:
            case.fmt = "pdf"
        began = time.perf_counter()
        try:
            outcomes[check(case)] += 1
        except Exception as error:  # noqa: BLE001  everything else is what the run looks for
            outcomes[f"failed: {type(error).__name__}"] += 1
            failures.append((case, "".join(traceback.format_exception(error)[-3:])))
            print(f"FAILED {case!r}\n{failures[-1][1]}", file=sys.stderr, flush=True)
        slowest.append((time.perf_counter() - began, repr(case)))
        slowest.sort(reverse=True)
        del slowest[5:]

    for number in range((total + chunk - 1) // chunk):
        examples = min(chunk, total - number * chunk)
        budget = settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
                          suppress_health_check=list(HealthCheck))
        budget(seed(first_seed + number)(given(case=cases(formats=("docx", "html", "xlsx")))(one)))()
        elapsed = time.perf_counter() - started
        print(f"{done:,} cases in {elapsed:,.0f} s: " + ", ".join(f"{k} {v:,}" for k, v in sorted(outcomes.items())),
              flush=True)
    print("slowest:", *(f"  {t:.1f} s {case}" for t, case in slowest), sep="\n")
    print(f"{done:,} cases, {len(failures):,} other exceptions or broken invariants")
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--chunk", type=int, default=1000, help="cases drawn from one seed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pdf-every", type=int, default=100, help="every N-th case as PDF (about a second each)")
    args = parser.parse_args()
    sys.exit(run(args.cases, args.chunk, args.seed, args.pdf_every))


if __name__ == "__main__":
    main()
