"""Rep profiles: ``coachlog reps add|set|list``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coachlog.errors import CoachlogError, NotFoundError, UsageError
from coachlog.model import Rep
from coachlog.ops.goals import check_number
from coachlog.store.journal import Journal, check_handle
from coachlog.store.reading import validate
from coachlog.store.transaction import transaction
from coachlog.store.yamlfile import Document
from coachlog.vocabulary import EXPERIENCE_LEVELS, check_choice

ENGINE_FIELDS = ("opportunities", "win_rate", "deal_size", "cycle_days")


@dataclass
class RepChanges:
    """What ``reps add`` or ``reps set`` was told; ``None`` means "leave as it is"."""

    name: str | None = None
    manager: str | None = None
    experience: str | None = None
    opportunities: float | None = None
    win_rate: float | None = None
    deal_size: float | None = None
    cycle_days: float | None = None
    quota: float | None = None
    email: str | None = None


def parse_quota(text: str) -> float:
    """The period quota: an amount, thousands separators and a currency sign allowed."""
    from coachlog.core.amounts import parse_amount

    try:
        return parse_amount(text)
    except ValueError as exc:
        raise UsageError(str(exc), field="quota") from None


def check_email(text: str) -> str:
    """An email address as a CRM export names an owner by: one line, one ``@``."""
    value = text.strip()
    if value and (value.count("@") != 1 or any(c.isspace() for c in value) or len(value) > 254):
        raise UsageError(f"{text!r} is not an email address", field="email")
    return value


def parse_rate(text: str, field: str = "win_rate") -> float:
    """A rate as ``25%`` or ``0.25``."""
    value = text.strip()
    try:
        rate = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        raise UsageError(f"{text!r} is not a rate; use 25% or 0.25", field=field) from None
    if not 0 <= rate <= 1:
        raise UsageError(f"{text!r} is not between 0% and 100%", field=field)
    return rate


def _apply(doc: Document, changes: RepChanges) -> None:
    data = doc.data
    for key in ("name", "manager", "experience", "email", "quota"):
        value = getattr(changes, key)
        if value is not None:
            data[key] = value
    engine = {k: getattr(changes, k) for k in ENGINE_FIELDS if getattr(changes, k) is not None}
    if engine:
        if not isinstance(data.get("engine"), dict):
            data["engine"] = {}
        for key, value in engine.items():
            data["engine"][key] = value


def _check(changes: RepChanges) -> None:
    for key in ("opportunities", "deal_size"):
        value = getattr(changes, key)
        if value is not None:
            check_number(value, key)
    if changes.cycle_days is not None and changes.cycle_days <= 0:
        raise UsageError(f"must be more than zero, not {changes.cycle_days:g}", field="cycle_days")
    if changes.email is not None:
        changes.email = check_email(changes.email)
    if changes.experience is not None:
        check_choice(changes.experience, EXPERIENCE_LEVELS, "experience", "an experience level")


def add_rep(journal: Journal, handle: str, changes: RepChanges) -> Rep:
    check_handle(handle, field="handle")
    _check(changes)
    journal.config  # noqa: B018 - a broken config stops here, before anything is written
    path = journal.rep_path(handle)
    if path.exists():
        raise CoachlogError(
            f"rep {handle!r} already exists",
            path=path,
            hint=f"change it with 'coachlog reps set {handle}'",
        )
    data: dict[str, Any] = {
        "name": changes.name or handle.replace("-", " ").replace("_", " ").title(),
        "manager": changes.manager if changes.manager is not None else journal.config.manager,
        "experience": changes.experience,
        "email": changes.email or "",
        "quota": changes.quota,
        "engine": {k: getattr(changes, k) for k in ENGINE_FIELDS},
        "focus": None,
        "focus_history": [],
    }
    with transaction(journal, "reps add", handle) as change:
        doc = Document.new(path, data, fenced=False)
        rep: Rep = change.write_document(doc, Rep, new=True)
    return rep


def set_rep(journal: Journal, handle: str, changes: RepChanges) -> Rep:
    check_handle(handle, field="handle")
    _check(changes)
    with transaction(journal, "reps set", handle) as change:  # focus set writes it too
        try:
            doc = journal.rep_document(handle)
        except NotFoundError as exc:
            exc.field = "handle"  # the rep, as this op names it
            raise
        validate(Rep, doc, what="a rep profile")  # never rewrite a file that does not read
        _apply(doc, changes)
        rep: Rep = change.write_document(doc, Rep)
    return rep


def list_reps(journal: Journal, *, archived: bool = False) -> list[tuple[str, Rep]]:
    """The team's reps (with ``archived``, archived reps too), by handle."""
    return list(journal.reps(archived=archived).items())
