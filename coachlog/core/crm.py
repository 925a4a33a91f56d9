"""A CRM's opportunity export, read into each rep's four pistons of the sales engine. Pure: the
file's text, the rep profiles and today come in; deals, pistons and problems go out.

**Columns.** Salesforce report headers (``Opportunity Owner``, ``Amount``, ``Stage``, ``Close
Date``, ``Created Date``) and HubSpot's (``Deal owner``, ``Amount``, ``Deal Stage``, ``Close
Date``, ``Create Date``) are known, compared without case, spaces or punctuation; ``--map
COLUMN=field`` names any other column for a field (``owner``, ``amount``, ``stage``,
``close_date``, ``created_date``).

**The file.** The separator is found from the header line (``,``, ``;``, tab or ``|``), as the
standard ``csv`` module reads it: quoted fields, doubled quotes, line breaks inside quotes.
Amounts go through ``core.amounts.parse_amount`` (``"$120,000.00"``, ``"1.234,56 €"``).
Dates are ``YYYY-MM-DD`` (a time after it is ignored), ``DD.MM.YYYY``, or with slashes: day
first when a date of the file's has a first number over 12, else month first (``11/24/2026``,
as Salesforce writes it in the US).

**Stages.** A stage that reads ``closed won`` or ``won`` (HubSpot's ``closedwon`` too) is won;
``closed lost`` or ``lost`` is lost; anything else is open.

**Pistons** (each rep, as of ``today``): open opportunities (deals not closed); win rate (won
over won + lost, closed in the last ``YEAR_DAYS`` days); average deal size (mean amount won in
that time, to a whole unit); sales cycle (mean days from created to closed, of those won
deals). A piston with nothing to compute it from is ``None`` (the profile keeps what it had).

**Owners.** An owner matches a rep by handle, ``name`` or ``email`` in the profile (without
case); an owner matching no rep is reported with the number of its deals.

**Bad rows** (an amount, a date or a stage that does not read; no owner) are problems with
their line number in the file; the caller writes nothing while there is one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from coachlog.core.amounts import parse_amount, round_half_up

YEAR_DAYS = 365
FIELDS: tuple[str, ...] = ("owner", "amount", "stage", "close_date", "created_date")
REQUIRED: tuple[str, ...] = ("owner", "stage")
PISTONS: tuple[str, ...] = ("opportunities", "win_rate", "deal_size", "cycle_days")

KNOWN_HEADERS: dict[str, str] = {
    # Salesforce
    "opportunityowner": "owner",
    "owner": "owner",
    "ownername": "owner",
    "amount": "amount",
    "stage": "stage",
    "closedate": "close_date",
    "createddate": "created_date",
    # HubSpot
    "dealowner": "owner",
    "dealstage": "stage",
    "createdate": "created_date",
}


def header_key(name: str) -> str:
    """A column name as headers are compared: lowercase letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


@dataclass(frozen=True)
class Deal:
    line: int
    owner: str
    amount: float | None
    status: str  # open, won or lost
    closed: date | None
    created: date | None


@dataclass(frozen=True)
class Pistons:
    opportunities: int
    win_rate: float | None
    deal_size: float | None
    cycle_days: float | None
    won: int
    lost: int


@dataclass
class RepImport:
    """One rep's pistons before and after an import, and the deals behind them."""

    rep: str
    owners: list[str]
    before: dict[str, float | None]
    after: dict[str, float | None]
    deals: int
    open: int
    won: int
    lost: int

    @property
    def changed(self) -> list[str]:
        return [k for k in PISTONS if self.after[k] != self.before[k]]


@dataclass
class Imported:
    """What an import found (and, unless a dry run, wrote)."""

    file: str
    columns: dict[str, str]
    reps: list[RepImport]
    unmatched: dict[str, int]  # owner -> deals
    deals: int
    dry_run: bool
    written: list[str] = field(default_factory=list)  # profiles written


@dataclass
class Export:
    """What a file gave: its deals, the columns used, and the problems found."""

    deals: list[Deal] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field -> column as written
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: the one of ``,``, ``;``, tab, ``|`` it holds most of
    (outside quotes)."""
    first = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def columns_of(
    header: Sequence[str], mapping: Mapping[str, str]
) -> tuple[dict[str, int], dict[str, str]]:
    """Each field's column index and name: ``mapping`` (column -> field) first, then the known
    headers. A mapped column that is not in the file is an error."""
    found: dict[str, int] = {}
    keys = [header_key(h) for h in header]
    for column, name in mapping.items():
        key = header_key(column)
        if key not in keys:
            raise ValueError(f"the file has no column {column!r}; its columns: {', '.join(header)}")
        found[name] = keys.index(key)
    for index, key in enumerate(keys):
        known = KNOWN_HEADERS.get(key)
        if known is not None and known not in found and index not in found.values():
            found[known] = index
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        raise ValueError(
            f"no column for {' and '.join(missing)} (columns: {', '.join(header)}); "
            "name the column: 'coachlog import crm FILE --map COLUMN=FIELD'"
        )
    return found, {name: header[i] for name, i in found.items()}


def stage_status(text: str) -> str | None:
    """``won``, ``lost`` or ``open`` for a stage; None for an empty one."""
    key = header_key(text)
    if not key:
        return None
    if key in ("closedwon", "won"):
        return "won"
    if key in ("closedlost", "lost"):
        return "lost"
    return "open"


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T].*)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T,].*)?$")


def day_first(values: Sequence[str]) -> bool:
    """Whether the slash dates of a file put the day first: some first number is over 12."""
    return any((m := _SLASH.match(v.strip())) and int(m.group(1)) > 12 for v in values)


def parse_date(text: str, *, day_first_slashes: bool) -> date:
    value = text.strip()
    if m := _ISO.match(value):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DOTS.match(value):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _SLASH.match(value):
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        d, mo = (a, b) if day_first_slashes else (b, a)
    else:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY)")
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"{text!r} is not a real day") from None


def read_export(text: str, mapping: Mapping[str, str] | None = None) -> Export:
    """The deals of a CSV export (its text, a byte order mark already taken off)."""
    rows = list(_rows(text))
    if not rows:
        raise ValueError("the file is empty: an export starts with a header line")
    (_, header), body = rows[0], rows[1:]
    index, names = columns_of(header, mapping or {})
    found = Export(columns=names)

    def cell(row: list[str], name: str) -> str:
        i = index.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    dates = [cell(r, n) for _, r in body for n in ("close_date", "created_date")]
    first = day_first(dates)
    for line, row in body:
        if not any(c.strip() for c in row):
            continue  # a blank line, as exports end
        try:
            found.deals.append(_deal(line, row, cell, first, names))
        except ValueError as exc:
            found.problems.append((line, str(exc)))
    return found


def _rows(text: str):  # type: ignore[no-untyped-def]
    """(line number of the row's first line, cells) for each row."""
    reader = csv.reader(text.splitlines(keepends=True), delimiter=sniff_delimiter(text))
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _deal(line: int, row: list[str], cell, first: bool, names: Mapping[str, str]) -> Deal:  # type: ignore[no-untyped-def]
    owner = " ".join(cell(row, "owner").split())
    if not owner:
        raise ValueError(f"no owner ({names['owner']} is empty)")
    status = stage_status(cell(row, "stage"))
    if status is None:
        raise ValueError(f"no stage ({names['stage']} is empty)")
    amount = None
    if text := cell(row, "amount"):
        try:
            amount = parse_amount(text)
        except ValueError as exc:
            raise ValueError(f"{names['amount']}: {exc}") from None
    days: dict[str, date | None] = {}
    for name in ("close_date", "created_date"):
        text = cell(row, name)
        days[name] = None
        if text:
            try:
                days[name] = parse_date(text, day_first_slashes=first)
            except ValueError as exc:
                raise ValueError(f"{names[name]}: {exc}") from None
    if status != "open" and days["close_date"] is None:
        raise ValueError(f"a {status} deal needs its {names.get('close_date', 'close date')}")
    return Deal(line, owner, amount, status, days["close_date"], days["created_date"])


def pistons(deals: Sequence[Deal], today: date) -> Pistons:
    """The four pistons from one rep's deals, as of ``today`` (module doc)."""
    since = today - timedelta(days=YEAR_DAYS)
    recent = [d for d in deals if d.closed is not None and since < d.closed <= today]
    won = [d for d in recent if d.status == "won"]
    lost = [d for d in recent if d.status == "lost"]
    decided = len(won) + len(lost)
    amounts = [d.amount for d in won if d.amount is not None]
    cycles = [(d.closed - d.created).days for d in won if d.closed and d.created]
    cycle = round_half_up(sum(cycles) / len(cycles), 1) if cycles else None
    return Pistons(
        opportunities=sum(1 for d in deals if d.status == "open"),
        win_rate=round_half_up(len(won) / decided, 3) if decided else None,
        deal_size=int(round_half_up(sum(amounts) / len(amounts))) if amounts else None,
        cycle_days=cycle if cycle is not None and cycle > 0 else None,
        won=len(won),
        lost=len(lost),
    )


def match_owners(
    owners: Sequence[str], reps: Mapping[str, tuple[str, str]]
) -> tuple[dict[str, str], list[str]]:
    """Each owner's rep (``reps``: handle -> (name, email)), matched by handle, name or email
    without case; and the owners that match no rep, or more than one."""
    found: dict[str, str] = {}
    unmatched: list[str] = []
    for owner in owners:
        key = owner.casefold()
        hits = [
            h
            for h, (name, email) in reps.items()
            if key in (h.casefold(), " ".join(name.split()).casefold(), email.strip().casefold())
        ]
        if len(hits) == 1:
            found[owner] = hits[0]
        else:
            unmatched.append(owner)
    return found, unmatched
