"""``coachlog import crm FILE.csv``: each rep's four pistons from a CRM's opportunity export.

The file is read as it comes: UTF-8 with or without a byte order mark, UTF-16 with one (a
spreadsheet's "Unicode text"), else Windows-1252 (an older export); the columns, separators,
amounts and dates as ``core.crm`` says. A row that does not read stops the import with its line
number and nothing written. Every rep whose pistons change is written in one transaction;
``dry_run`` computes the same and writes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from coachlog.core import crm
from coachlog.core.amounts import whole
from coachlog.core.crm import Imported, RepImport
from coachlog.errors import CoachlogError, UsageError
from coachlog.model import Rep
from coachlog.ops.reps import ENGINE_FIELDS
from coachlog.store.journal import Journal
from coachlog.store.reading import validate
from coachlog.store.transaction import transaction
from coachlog.vocabulary import one_of

MAX_BYTES = 50_000_000


def parse_map(given: Sequence[str]) -> dict[str, str]:
    """``COLUMN=field`` pairs, each field one of ``core.crm.FIELDS``."""
    found: dict[str, str] = {}
    for item in given:
        column, sep, name = item.rpartition("=")
        name = name.strip().lower().replace("-", "_")
        if not sep or not column.strip():
            raise UsageError(
                f"{item!r} is not COLUMN=FIELD, like 'Owner Email=owner'", field="mapping"
            )
        if name not in crm.FIELDS:
            raise UsageError(f"{name!r} is not a field; use {one_of(crm.FIELDS)}", field="mapping")
        found[column.strip()] = name
    return found


def read_text(path: Path, shown: str) -> str:
    """The file's text, decoded as exports come (module doc)."""
    try:
        if path.is_dir():
            raise UsageError(f"{shown} is a folder; give the CSV file", field="file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{shown}: no such file", field="file") from None
    except PermissionError:
        raise UsageError(f"{shown}: permission denied; it cannot be read", field="file") from None
    except OSError as exc:
        raise UsageError(f"{shown}: {exc.strerror or exc}", field="file") from None
    if len(data) > MAX_BYTES:
        raise UsageError(f"{shown} is over {MAX_BYTES // 1_000_000} MB", field="file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CoachlogError("is not UTF-16 as its byte order mark says", path=shown) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def import_crm(
    journal: Journal,
    file: str,
    mapping: Sequence[str],
    today: date,
    *,
    dry_run: bool = False,
) -> Imported:
    """Set each matched rep's pistons from the export ``file`` (module doc)."""
    columns = parse_map(mapping)
    text = read_text(Path(file), file)
    try:
        export = crm.read_export(text, columns)
    except ValueError as exc:
        raise CoachlogError(str(exc), path=file, line=1) from None
    except csv.Error as exc:  # a NUL byte, a field over the csv module's limit
        raise CoachlogError(f"does not read as CSV: {exc}", path=file) from None
    if export.problems:
        line, message = export.problems[0]
        more = export.problems[1:]
        tail = ""
        if more:
            lines = ", ".join(str(n) for n, _ in more[:5]) + (", ..." if len(more) > 5 else "")
            tail = f" (and {len(more)} more bad row{'s' if len(more) > 1 else ''}: line {lines})"
        raise CoachlogError(f"{message}{tail}; nothing was imported", path=file, line=line)
    with transaction(journal, "import crm") as change:
        profiles = journal.reps()
        people = {h: (p.name, p.email) for h, p in profiles.items()}
        by_owner: dict[str, list[crm.Deal]] = {}
        for deal in export.deals:
            by_owner.setdefault(deal.owner, []).append(deal)
        matched, unmatched = crm.match_owners(sorted(by_owner), people)
        by_rep: dict[str, list[str]] = {}
        for owner, handle in matched.items():
            by_rep.setdefault(handle, []).append(owner)
        results = []
        for handle in sorted(by_rep):
            deals = [d for o in by_rep[handle] for d in by_owner[o]]
            results.append(_rep_import(handle, by_rep[handle], deals, profiles[handle], today))
        written: list[str] = []
        if not dry_run:
            for result in results:
                if not result.changed:
                    continue
                doc = journal.rep_document(result.rep)
                validate(Rep, doc, what="a rep profile")  # never rewrite what does not read
                engine = doc.data.get("engine")
                if not isinstance(engine, dict):
                    doc.data["engine"] = engine = {}
                for key in result.changed:
                    engine[key] = result.after[key]
                change.write_document(doc, Rep)
                change.name(result.rep)
                written.append(journal.relative(doc.path))
    return Imported(
        file,
        export.columns,
        results,
        {o: len(by_owner[o]) for o in unmatched},
        len(export.deals),
        dry_run,
        written,
    )


def _rep_import(
    handle: str, owners: list[str], deals: list[crm.Deal], profile: Rep, today: date
) -> RepImport:
    found = crm.pistons(deals, today)
    before = {k: getattr(profile.engine, k) for k in ENGINE_FIELDS}
    computed: dict[str, float | None] = {
        "opportunities": found.opportunities,
        "win_rate": found.win_rate,
        "deal_size": found.deal_size,
        "cycle_days": found.cycle_days,
    }
    after = {k: computed[k] if computed[k] is not None else before[k] for k in ENGINE_FIELDS}
    after = {k: whole(v) for k, v in after.items()}
    return RepImport(
        handle,
        owners,
        before,
        after,
        len(deals),
        found.opportunities,
        found.won,
        found.lost,
    )
