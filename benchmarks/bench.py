"""Benchmark: generate a large journal, time coachlog on it as whole processes, print ratios.

    python -m benchmarks.bench      # from the checkout's root: 30,000 records, 50 reps, five years
    python -m benchmarks.bench --records 2000 --runs 3 --json bench.json

Every timing is a median over ``--runs`` whole processes. Floors measured in the same run:
``python -c pass``, the eager import of the five dependencies, ``import typer``, a Typer app
that only parses ``goals open``'s options, a Python walk that stats every record file, one that
reads every file, and libyaml's C loader parsing every front matter. Cold runs delete the
derived index first; warm runs reuse it. A timing with a target is taken round by round right
after its floor, and its ratio is the median of the rounds' ratios: a shared machine that runs
slower for a minute slows both sides of a round, not one side of the ratio.

It lives in the checkout, not in the package. Time a regular install (``pip install .``) to
time what users run: an editable install adds its import hook to every Python start,
``python -c pass`` included, which flatters the ratios to it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from coachlog.core.scaffold import goal_front_matter, record_front_matter
from coachlog.model import (
    CallReview,
    Debrief,
    Forecast,
    Goal,
    GoalEvent,
    GoalKind,
    Observation,
    OneOnOne,
    Record,
)
from coachlog.ops.init import init_journal
from coachlog.ops.reps import RepChanges, add_rep
from coachlog.store.journal import Journal
from coachlog.store.yamlfile import FENCE, Document
from coachlog.vocabulary import KIND_DIRS

RECORD_FOLDERS = tuple(KIND_DIRS.values())  # where the journal keeps its records
EAGER_IMPORT = "import typer, rich.table, pydantic, ruamel.yaml, dateutil.relativedelta"
# The command-line framework alone: a Typer app with the options of ``goals open`` that parses
# them and prints an empty list. What a command costs beyond it is coachlog's own.
TYPER_APP = """
import typer
app = typer.Typer(add_completion=False)
@app.callback()
def main(journal: str = typer.Option(None), today: str = typer.Option(None)) -> None:
    pass
@app.command()
def run(
    rep: str = typer.Option(None),
    owner: str = typer.Option(None),
    kind: str = typer.Option(None),
    overdue: bool = typer.Option(False),
    fmt: str = typer.Option(None, "--format"),
    to: str = typer.Option(None),
    sender: str = typer.Option(None, "--from"),
    subject: str = typer.Option(None),
) -> None:
    print("[]")
app()
"""
GOAL_TITLES: list[tuple[str, GoalKind, str]] = [
    ("Book the technical validation call with the CTO", "opportunity", "meeting"),
    ("Get the mutual action plan reviewed by procurement", "opportunity", "review"),
    ("Run 12 discovery calls with new logos", "performance", "discovery calls"),
    ("Qualify out 4 stalled deals", "performance", "deals"),
    ("Shadow a senior rep on two negotiation calls", "career", "calls"),
    ("Send a recap email within 24h of every call", "action", "recaps"),
]
BODY = """# 1:1 with {rep}, {day}

## Agenda

### Open goals review (5 min)

- [ ] Where does each open goal stand: done, on track, or missed?

### Forecast, current period (10 min)

- [ ] What will you finish the period at: commit, most likely, upside?

## Notes

Walked through the forecast line by line.

## Private

Only in this file.
"""


# --- the journal ---------------------------------------------------------------------------------
# Records are built as coachlog's models and written by coachlog's own writer: the front matter
# as its operations lay it out (``core.scaffold``), dumped by ``store.yamlfile.Document``, each
# file where ``Journal.record_path`` puts it. Rep profiles are added with ``reps add``'s own
# operation.


def generate(
    root: Path,
    records: int,
    reps: int = 50,
    years: int = 5,
    seed: int = 7,
    *,
    managers: int = 1,
    team: str = "Bench",
) -> int:
    """A realistic journal: weekly 1:1s carrying goals, call reviews, debriefs, observations,
    spread over ``years`` years for ``reps`` reps of ``managers`` managers, ``records`` files in
    all."""
    init_journal(
        root, team=team, manager="dana", period="quarter", fiscal_year_start="02-01", git=False
    )
    journal = Journal(root)
    handles = [f"rep{n:02d}" for n in range(reps)]
    for n, handle in enumerate(handles):
        add_rep(
            journal,
            handle,
            RepChanges(
                manager=manager_of(n, managers),
                experience="developing",
                opportunities=24,
                win_rate=0.25,
                deal_size=18000,
                cycle_days=60,
            ),
        )
    return write_records(root, made_records(records, handles, years, seed, managers))


def manager_of(rep: int, managers: int) -> str | None:
    """The manager of the ``rep``-th rep: ``dana`` alone (the config's), or one of
    ``mgr0``..``mgrN``, each with an equal share of the reps."""
    return None if managers <= 1 else f"mgr{rep % managers}"


def made_records(
    records: int, handles: list[str], years: int, seed: int, managers: int = 1
) -> Iterator[tuple[Record, str]]:
    """The records of the journal, oldest 1:1 of the first rep first, each with its body."""
    rng = random.Random(seed)
    manager = {h: manager_of(n, managers) or "dana" for n, h in enumerate(handles)}
    reps = len(handles)
    share = {"1on1": 0.45, "review": 0.40, "debrief": 0.10, "observation": 0.05}
    counts = {k: int(records * v) for k, v in share.items()}
    counts["1on1"] += records - sum(counts.values())
    start = date.today() - timedelta(days=365 * years)
    days = 365 * years
    made = 0
    per_rep = max(1, counts["1on1"] // reps)
    serial = 0
    for handle in handles:
        goals: list[Goal] = []
        step = max(1, days // per_rep)
        for n in range(per_rep):
            if made >= counts["1on1"]:
                break
            day = start + timedelta(days=n * step)
            goals = [g for g in goals if g.status == "open"]  # closed ones stop rolling
            for i, goal in enumerate(goals):
                if goal.due is not None and goal.due < day and rng.random() < 0.5:
                    status = rng.choice(["done", "done", "missed", "dropped"])
                    history = [*goal.history, _event(day, 10, status=status)]
                    goals[i] = goal.model_copy(
                        update={"status": status, "closed": day, "history": history}
                    )
                elif rng.random() < 0.3:
                    history = [*goal.history, _event(day, 10, progress=1)]
                    goals[i] = goal.model_copy(update={"progress": 1, "history": history})
            if n % 2 == 0 or not any(g.status == "open" for g in goals):
                title, goal_kind, measure = rng.choice(GOAL_TITLES)
                serial += 1
                due = day + timedelta(days=rng.choice([7, 14, 28, 42]))
                target = rng.choice([1, 2, 4, 12])
                goals.append(
                    Goal(
                        id=f"{serial:08x}"[-8:].replace("0", "g"),
                        title=title,
                        kind=goal_kind,
                        owner="rep",
                        status="open",
                        set=day,
                        due=due,
                        measure=measure,
                        target=target,
                        history=[
                            _event(
                                day, 9, status="open", title=title, due=due, target=target,
                                measure=measure,
                            )
                        ],
                    )
                )  # fmt: skip
            one_on_one = OneOnOne(
                id=f"{day.isoformat()}-{handle}-{serial:04x}"[:60],
                rep=handle,
                manager=manager[handle],
                date=day,
                created=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
                minutes=40,
                period="FY",
                phase="mid",
                forecast=Forecast(
                    commit=72000, most_likely=93600, upside=122400, next_period_pipeline=288000
                ),
                adhoc=["Are you happy?"],
                reviews=[],
                helpful=rng.choice([3, 4, 5]),
                goals=list(goals),
            )
            yield one_on_one, BODY.format(rep=handle, day=day)
            made += 1
    for kind in ("review", "debrief", "observation"):
        for n in range(counts[kind]):
            handle = handles[n % reps]
            day = start + timedelta(days=rng.randrange(days))
            common: dict[str, Any] = {
                "id": f"{day.isoformat()}-{handle}-{kind[:1]}{n:05d}",
                "rep": handle,
                "manager": manager[handle],
                "date": day,
                "created": datetime(day.year, day.month, day.day, 15, tzinfo=UTC),
                "minutes": 15,
            }
            record: Record
            if kind == "review":
                record = CallReview(
                    **common,
                    call=f"Call {n}",
                    pick=rng.choice(["went-well", "struggled"]),
                    scores={"opening": rng.randint(1, 5), "discovery": rng.randint(1, 5)},
                )
            elif kind == "debrief":
                record = Debrief(**common, call=f"Call {n}", by="rep")
            else:
                record = Observation(
                    **common, behaviour="Ask three discovery questions before the demo"
                )
            yield record, "## Notes\n\nA few lines of notes.\n"


def _event(day: date, hour: int, **changes: Any) -> GoalEvent:
    """A goal's event: a moment on ``day``, and what it set."""
    return GoalEvent(at=datetime(day.year, day.month, day.day, hour, tzinfo=UTC), **changes)


# what every record's front matter starts with (``core.scaffold.record_front_matter``)
COMMON_FIELDS = frozenset({"kind", "id", "rep", "manager", "date", "created", "minutes"})


def front_matter(record: Record) -> dict[str, Any]:
    """``record`` as coachlog lays out a new record's front matter: the fields every record
    has, then its kind's own, set ones only; a 1:1's goals last, each with its history."""
    fields = record.model_dump(mode="python", exclude_none=True, exclude={*COMMON_FIELDS, "goals"})
    if isinstance(record, OneOnOne):
        fields["goals"] = [goal_front_matter(g) for g in record.goals]
    return record_front_matter(
        record.kind,
        record_id=record.id,
        rep=record.rep,
        manager=record.manager or "",
        day=record.date,
        created=record.created,
        minutes=record.minutes,
        **fields,
    )


class Writer:
    """Writes records as coachlog writes them: ``Document.new(path, front_matter(record),
    body).render()``, each file where ``Journal.record_path`` puts it.

    Dumping every goal of every 1:1 through the round-trip dumper is most of the work, and most
    goals are carried unchanged from one 1:1 to the next. A 1:1's goals are the last key of its
    front matter, each an item of a block list, and the dumper writes each top-level key, and
    each item of that list, the same whatever comes before it; so a 1:1 is written as the
    dumper's text of the rest of its front matter, then its text of each goal, the goal's text
    kept while the goal is unchanged. Every byte is still the dumper's: the test checks that
    each file is what ``render`` gives for the record it holds.
    """

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self._goals: dict[int, tuple[Goal, str, str]] = {}  # id(goal): goal, its text, as item

    def write(self, record: Record, body: str) -> None:
        path = self.journal.record_path(record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.text(path, record, body), encoding="utf-8")

    def text(self, path: Path, record: Record, body: str) -> str:
        """What ``Document.new(path, front_matter(record), body).render()`` gives."""
        goals = record.goals if isinstance(record, OneOnOne) else []
        if not goals:
            text = Document.new(path, front_matter(record), body).render()
        else:
            data = front_matter(record.model_copy(update={"goals": []}))
            del data["goals"]  # the last key: its text follows the rest's
            head = Document.new(path, data, fenced=False).render()
            first, *rest = (self._goal(path, g) for g in goals)
            yaml_text = head + first[0] + "".join(item for _, item in rest)
            text = f"{FENCE}\n{yaml_text}{FENCE}\n{body}"
        return text

    def _goal(self, path: Path, goal: Goal) -> tuple[str, str]:
        """The dumper's text of ``goals:`` holding ``goal`` alone, and of ``goal``'s item."""
        known = self._goals.get(id(goal))
        if known is None or known[0] is not goal:
            whole = Document.new(path, {"goals": [goal_front_matter(goal)]}, fenced=False)
            text = whole.render()
            known = self._goals[id(goal)] = (goal, text, text.split("\n", 1)[1])
        return known[1], known[2]


def write_records(root: Path, made: Iterable[tuple[Record, str]]) -> int:
    """Write every record, in processes on every core (generating is not what is timed):
    each rep's 1:1s in one batch, in order, so that goals carried unchanged are dumped once."""
    batches: dict[str, list[tuple[Record, str]]] = {}
    others: list[tuple[Record, str]] = []
    for record, body in made:
        if isinstance(record, OneOnOne):
            batches.setdefault(record.rep, []).append((record, body))
        else:
            others.append((record, body))
    size = 1000
    work = [*batches.values(), *(others[i : i + size] for i in range(0, len(others), size))]
    workers = min(os.cpu_count() or 1, 8, len(work))
    if workers < 2:
        return sum(_write_batch(root, batch) for batch in work)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(_write_batch, [root] * len(work), work))


def _write_batch(root: Path, batch: list[tuple[Record, str]]) -> int:
    writer = Writer(Journal(root))
    for record, body in batch:
        writer.write(record, body)
    return len(batch)


# --- timing -------------------------------------------------------------------------------------


def timed(
    argv: list[str],
    runs: int,
    *,
    env: dict[str, str] | None = None,
    before: Any = None,
    cwd: Path | None = None,
    ok: tuple[int, ...] = (0,),
) -> float:
    """Median wall time of ``argv`` as a whole process over ``runs`` runs (``ok``: the exit
    codes that are no failure; ``check`` exits 1 when it finds an error)."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        t0 = time.perf_counter()
        done = subprocess.run(
            argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        times.append(time.perf_counter() - t0)
        if done.returncode not in ok:
            raise SystemExit(f"failed: {' '.join(argv)}\n{done.stderr.decode()[-2000:]}")
    return statistics.median(times)


def peak_memory_mb(argv: list[str], env: dict[str, str]) -> float:
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *argv], env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


def walk_argv(roots: list[Path], read: bool) -> list[str]:
    """A Python walk of every record file: a stat of each, or a read of each."""
    code = (
        "import os, sys\n"
        "for root in sys.argv[1:]:\n"
        f"  for top in {RECORD_FOLDERS!r}:\n"
        "    p = os.path.join(root, top)\n"
        "    if not os.path.isdir(p): continue\n"
        "    for y in os.scandir(p):\n"
        "        for e in os.scandir(y.path):\n"
        + ("            open(e.path, 'rb').read()\n" if read else "            e.stat()\n")
    )
    return [sys.executable, "-c", code, *map(str, roots)]


def libyaml_argv(roots: list[Path]) -> list[str]:
    """libyaml's C loader parsing the front matter of every record file."""
    code = (
        "import os, sys, yaml\n"
        "L = yaml.CSafeLoader\n"
        "for root in sys.argv[1:]:\n"
        f"  for top in {RECORD_FOLDERS!r}:\n"
        "    p = os.path.join(root, top)\n"
        "    if not os.path.isdir(p): continue\n"
        "    for y in os.scandir(p):\n"
        "        for e in os.scandir(y.path):\n"
        "            t = open(e.path, encoding='utf-8').read()\n"
        "            yaml.load(t[4:t.index('\\n---\\n', 3)], Loader=L)\n"
    )
    return [sys.executable, "-c", code, *map(str, roots)]


@dataclass(frozen=True)
class Paired:
    """A command timed round by round right after its floor: the median of each, and the
    median of their ratios taken round by round (a shared machine that runs slower or faster
    for a while moves both sides of a round alike)."""

    seconds: float
    floor: float
    ratio: float


def paired(
    argv: list[str],
    floors: list[list[str]],
    runs: int,
    *,
    env: dict[str, str],
    before: Any = None,
    ok: tuple[int, ...] = (0,),
) -> Paired:
    """``argv`` timed ``runs`` times, each time right after the sum of ``floors`` (each a
    whole process)."""
    times, floor_times, ratios_ = [], [], []
    for _ in range(runs):
        floor = sum(timed(f, 1) for f in floors)
        took = timed(argv, 1, env=env, before=before, ok=ok)
        times.append(took)
        floor_times.append(floor)
        ratios_.append(took / floor)
    return Paired(
        statistics.median(times), statistics.median(floor_times), statistics.median(ratios_)
    )


def default_small() -> Path | None:
    """examples/demo beside the source (a checkout), else in the current folder."""
    for base in (Path(__file__).resolve().parent.parent, Path.cwd()):
        if (base / "examples" / "demo" / "coachlog.yaml").is_file():
            return base / "examples" / "demo"
    return None


@dataclass(frozen=True)
class Shape:
    """The journal(s) to generate: ``records`` in all over ``teams`` journals, each with its
    share of ``reps`` reps and ``managers`` managers, over ``years`` years."""

    records: int = 30_000
    reps: int = 50
    managers: int = 1
    teams: int = 1
    years: int = 5

    def team(self, n: int) -> tuple[int, int, int]:
        """Records, reps and managers of the ``n``-th team's journal."""
        share = self.records // self.teams + (n < self.records % self.teams)
        return share, max(1, self.reps // self.teams), max(1, self.managers // self.teams)


def run(
    records: int,
    runs: int,
    keep: Path | None,
    small: Path | None = None,
    shape: Shape | None = None,
) -> dict[str, Any]:
    # time what a user runs: byte-compiled modules, as an install leaves them (every process
    # started here, floors included, may write and use __pycache__)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    shape = shape or Shape(records)
    if keep is not None:
        return _run(shape, runs, keep, small)
    with tempfile.TemporaryDirectory(prefix="coachlog-bench-") as work:
        return _run(shape, runs, Path(work) / "journal", small)


def journals_of(shape: Shape, root: Path) -> list[Path]:
    """The journal (one team), or a folder of team journals (several), made when missing."""
    roots = [root] if shape.teams == 1 else [root / f"team{n}" for n in range(shape.teams)]
    for n, path in enumerate(roots):
        if (path / "coachlog.yaml").exists():
            continue
        records, reps, managers = shape.team(n)
        t0 = time.perf_counter()
        count = generate(
            path, records, reps, shape.years, 7 + n, managers=managers, team=f"Team{n}"
        )
        print(
            f"generated {count} records in {time.perf_counter() - t0:.1f}s at {path}",
            file=sys.stderr,
        )
    return roots


def _run(shape: Shape, runs: int, root: Path, small: Path | None) -> dict[str, Any]:
    roots = journals_of(shape, root)
    # the console script of this Python's environment, as a user runs it (not another
    # coachlog that happens to be first on PATH)
    script = shutil.which("coachlog", path=str(Path(sys.executable).parent))
    exe = [script] if script else [sys.executable, "-m", "coachlog"]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("COACHLOG_TODAY", None)
    env.pop("COACHLOG_JOURNAL", None)
    read = [arg for path in roots for arg in ("--journal", str(path))]  # every team at once

    def drop_index() -> None:
        for path in roots:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path / ".coachlog" / "index.sqlite") + suffix).unlink(missing_ok=True)

    def checks() -> list[str]:  # check reads one journal: a shell line checks each in turn
        return [
            "sh",
            "-c",
            " ; ".join(shlex.join([*exe, "--journal", str(p), "check"]) for p in roots),
        ]

    month = date.today().strftime("%Y-%m")
    whole = (date.today() - timedelta(days=366 * shape.years + 31)).isoformat()
    r: dict[str, float] = {}
    r["python -c pass"] = timed([sys.executable, "-c", "pass"], runs)
    r["eager import of the five dependencies"] = timed([sys.executable, "-c", EAGER_IMPORT], runs)
    r["import typer"] = timed([sys.executable, "-c", "import typer"], runs)
    r["empty Typer app, goals open's options"] = timed(
        [sys.executable, "-c", TYPER_APP, "run", "--format", "json"], runs
    )
    start = [sys.executable, "-c", "pass"]
    stat_walk, read_walk = walk_argv(roots, read=False), walk_argv(roots, read=True)
    r["stat walk of the journal"] = timed(stat_walk, runs)
    r["read walk of the journal"] = timed(read_walk, runs)
    same_round: dict[str, Paired] = {}  # each timing with a target, beside its floor
    r["coachlog --version"] = timed([*exe, "--version"], runs, env=env)
    r["coachlog --help"] = timed([*exe, "--help"], runs, env=env)
    if small is not None:
        small_env = {**env, "COACHLOG_JOURNAL": str(small)}
        timed([*exe, "goals", "open"], 1, env=small_env)
        r["goals open, small journal (warm)"] = timed([*exe, "goals", "open"], runs, env=small_env)
    goals_open = [*exe, *read, "goals", "open", "--format", "json"]
    cold = paired(goals_open, [libyaml_argv(roots)], max(1, runs // 2), env=env, before=drop_index)
    same_round["goals open --format json, cold"] = cold
    r["libyaml C parse of every front matter"] = cold.floor
    r["goals open --format json, cold"] = cold.seconds
    timed(goals_open, 1, env=env)
    warm = paired(goals_open, [start, stat_walk], runs, env=env)
    same_round["goals open --format json, warm"] = warm
    r["goals open --format json, warm"] = warm.seconds
    report = [*exe, *read, "report", "--month", month, "--format", "json"]
    r["report --month, cold"] = timed(report, max(1, runs // 2), env=env, before=drop_index)
    timed(report, 1, env=env)
    r["report --month, warm"] = timed(report, runs, env=env)
    history = [*exe, *read, "report", "--since", whole, "--format", "json"]
    managers = [*exe, *read, "report", "--by", "manager", "--since", whole, "--format", "json"]
    timed(checks(), 1, env=env, ok=(0, 1))  # the first check keeps its findings in the index
    for name, argv, ok in (
        ("report over the whole history (warm)", history, (0,)),
        ("report --by manager over the whole history (warm)", managers, (0,)),
        ("check (warm)", checks(), (0, 1)),
    ):
        measured = paired(argv, [start, read_walk], runs, env=env, ok=ok)
        same_round[name] = measured
        r[name] = measured.seconds
    if shape.teams == 1:
        new_times, after_times = [], []
        new = [*exe, "--journal", str(roots[0]), "new", "1on1", "--rep", "rep07", "--no-edit"]
        for _ in range(runs):
            new_times.append(timed(new, 1, env=env))
            after_times.append(timed(goals_open, 1, env=env))
        r["new 1on1 (warm index)"] = statistics.median(new_times)
        r["goals open --format json, after new 1on1"] = statistics.median(after_times)
    memory = {
        "goals open, warm": peak_memory_mb(goals_open, env),
        "report over the whole history": peak_memory_mb(history, env),
        "check, warm": max(
            peak_memory_mb([*exe, "--journal", str(p), "check"], env) for p in roots
        ),
    }
    return {
        "records": shape.records,
        "reps": shape.reps,
        "managers": shape.managers,
        "teams": shape.teams,
        "small_journal": str(small) if small is not None else None,
        "runs": runs,
        "seconds": r,
        "peak_memory_mb": memory,
        "ratios": ratios(r, {k: v.ratio for k, v in same_round.items()}),
    }


TARGETS: dict[str, tuple[str, float]] = {  # each ratio with a target: its name, its target
    "warm goals open / (python start + stat walk)": ("goals open --format json, warm", 2),
    "whole-history report / (python start + read walk)": (
        "report over the whole history (warm)",
        3,
    ),
    "whole-history report by manager / (python start + read walk)": (
        "report --by manager over the whole history (warm)",
        3,
    ),
    "warm check / (python start + read walk)": ("check (warm)", 3),
    "cold goals open / libyaml parse": ("goals open --format json, cold", 1.3),
}


def ratios(r: dict[str, float], same_round: dict[str, float] | None = None) -> dict[str, float]:
    """Each ratio, beside its target where it has one. A timing measured round by round
    beside its floor (``same_round``: its ratio, by the timing's name) gives the median of its
    rounds' ratios; otherwise the ratio is of the two medians."""
    start = r["python -c pass"]
    walk = r["stat walk of the journal"]
    read = r["read walk of the journal"]
    rounds = same_round or {}
    floors = {
        "warm goals open / (python start + stat walk)": start + walk,
        "cold goals open / libyaml parse": r["libyaml C parse of every front matter"],
    }
    out = {
        "--help / python -c pass (target <= 6)": r["coachlog --help"] / start,
        "--version / python -c pass (target <= 2)": r["coachlog --version"] / start,
        "import typer / python -c pass (no target: the framework's own share)": r["import typer"]
        / start,
    }
    for name, (timing, target) in TARGETS.items():
        found = rounds.get(timing)
        if found is None:
            found = r[timing] / floors.get(name, start + read)
        out[f"{name} (target <= {target:g})"] = found
    if "goals open --format json, after new 1on1" in r:
        out["after new 1on1 / warm (target <= 1.2)"] = (
            r["goals open --format json, after new 1on1"] / r["goals open --format json, warm"]
        )
    if "goals open, small journal (warm)" in r:
        demo = r["goals open, small journal (warm)"]
        out["small journal goals open / eager import (target <= 1.0)"] = (
            demo / r["eager import of the five dependencies"]
        )
        out["small journal goals open / empty Typer app (no target)"] = (
            demo / r["empty Typer app, goals open's options"]
        )
    return {k: round(v, 2) for k, v in out.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--records", type=int, default=30_000, help="records to generate")
    parser.add_argument("--reps", type=int, default=50, help="reps, over every team")
    parser.add_argument("--managers", type=int, default=1, help="managers, over every team")
    parser.add_argument(
        "--teams", type=int, default=1, help="team journals the records are spread over, read "
        "together (--journal given once per team)",
    )  # fmt: skip
    parser.add_argument("--years", type=int, default=5, help="years of history")
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (median)")
    parser.add_argument(
        "--journal", type=Path, help="keep (or reuse) the journal here (with --teams: a folder "
        "of team0, team1...)",
    )  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument(
        "--small",
        type=Path,
        help="a small journal to time goals open on (default: examples/demo of the source "
        "tree, or of the current folder)",
    )
    args = parser.parse_args(argv)
    if args.records < 10 or args.runs < 1:
        parser.error("--records must be at least 10 and --runs at least 1")
    if min(args.reps, args.managers, args.teams, args.years) < 1 or args.teams > args.reps:
        parser.error("--reps, --managers, --teams and --years must be at least 1, --teams at "
                     "most --reps")  # fmt: skip
    small = args.small or default_small()
    if small is not None and not (small / "coachlog.yaml").is_file():
        parser.error(f"--small: no coachlog.yaml in {small}")
    shape = Shape(args.records, args.reps, args.managers, args.teams, args.years)
    result = run(args.records, args.runs, args.journal, small, shape)
    memory = {f"peak memory, {k} (target < 250 MB)": v for k, v in result["peak_memory_mb"].items()}
    width = max(len(k) for k in [*result["seconds"], *memory]) + 2
    print(f"{'timing (median of runs)':<{width}} seconds")
    for name, seconds in result["seconds"].items():
        print(f"{name:<{width}} {seconds:8.3f}")
    for name, mb in memory.items():
        print(f"{name:<{width}} {mb:8.1f}")
    if result["small_journal"]:
        print(f"small journal: {result['small_journal']}")
    print()
    for name, value in result["ratios"].items():
        print(f"{name:<{width + 20}} {value:6.2f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
