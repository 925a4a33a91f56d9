"""Turning journal files into validated models: the careful (round-trip) reader's document
through pydantic, with every problem named by file and line, and the fast reader for the index.

Kept apart from ``coachlog.store.journal`` so that a command answered from the index alone
(``goals open``) imports neither pydantic nor a YAML library.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from coachlog.core.scaffold import review_commenters
from coachlog.errors import CoachlogError, shown
from coachlog.model import HANDLE_RE, RECORD_MODELS, CallReview, Record
from coachlog.store.fastyaml import load_plain
from coachlog.store.yamlcheck import MAX_BYTES
from coachlog.store.yamlfile import Document, split_front_matter
from coachlog.vocabulary import HANDLE_RULE

M = TypeVar("M", bound=BaseModel)


def load_checked(model: type[M], path: Path, *, what: str) -> tuple[Document, M]:
    """The record at ``path`` loaded to be changed, and its data as ``model``: a file that does
    not read is refused (an error at its line), never rewritten."""
    doc = Document.load(path)
    return doc, validate(model, doc, what=what)


def validate(model: type[M], doc: Document, *, what: str = "") -> M:
    """``doc``'s data as ``model``; the first problem becomes an error naming its file line."""
    try:
        made = model.model_validate(dict(doc.data))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if not isinstance(p, str) or not p.startswith("function"))
        raise CoachlogError(
            _validation_message(err, loc, what), path=doc.path, line=doc.line_of(loc)
        ) from None
    if doc.fenced:
        with_body_facts(made, doc.body)
    return made


def with_body_facts(record: Any, body: str) -> None:
    """Set on ``record`` what its model takes from the Markdown body rather than the front
    matter: whose comments a call review holds."""
    if isinstance(record, CallReview):
        record.commented = review_commenters(body)  # type: ignore[assignment]


GOAL_ID_RULE = "4-16 lowercase letters and digits"


def _validation_message(err: Any, loc: tuple[Any, ...], what: str) -> str:
    key = ".".join(str(p) for p in loc)
    message = err["msg"].removeprefix("Value error, ")
    value = err.get("input")
    if err["type"] == "extra_forbidden":
        return f"unknown key {key!r}" + (f" in {what}" if what else "")
    if err["type"] == "missing":
        return f"{key!r} is missing"
    if not key:
        return message
    kind = err["type"]
    pattern = (err.get("ctx") or {}).get("pattern")
    if isinstance(value, str) and (
        pattern == HANDLE_RE.pattern or (loc[-1] == "rep" and kind.startswith("string_"))
    ):
        return f"{key}: {shown(value)} is not a rep handle ({HANDLE_RULE})"
    if kind == "string_pattern_mismatch" and loc[-1] == "id" and "goals" in loc:
        return f"{key}: {shown(value)} is not a goal id ({GOAL_ID_RULE})"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return f"{key}: {shown(value)} is not a date; write it as YYYY-MM-DD"
    if kind == "date_from_datetime_inexact":
        return f"{key}: a day without a time of day; write it as YYYY-MM-DD"
    if kind in ("datetime_parsing", "datetime_from_date_parsing", "datetime_type"):
        return f"{key}: {shown(value)} is not a date and time; write it as YYYY-MM-DDTHH:MM:SSZ"
    if kind in ("int_parsing", "int_type", "int_from_float") and isinstance(value, str):
        return f"{key}: {shown(value)} is not a whole number"
    if kind in ("float_parsing", "float_type") and isinstance(value, str):
        return f"{key}: {shown(value)} is not a number"
    if message.startswith(f"{loc[-1]} "):  # the model's own message names the key already
        return message
    if kind == "string_type":
        if isinstance(value, list | dict):
            return f"{key}: expected text, not a {'list' if isinstance(value, list) else 'mapping'}"
        if value is None or isinstance(value, bool):
            got = "null" if value is None else str(value).lower()
        elif isinstance(value, date):
            got = f"the date {value.isoformat()}"
        else:
            got = f"the number {shown(value)}"
        return f"{key}: expected text, not {got}; put it in quotes if it is text"
    got = f" (got {shown(value)})" if isinstance(value, str | int | float) else ""
    return f"{key}: {message}{got}"


def read_model(model: type[M], path: Path, *, what: str) -> M:
    """A plain YAML file (config, rep profile) as ``model``: the fast reader when the file is
    plain and valid, else the careful one, whose error names the file and line."""
    try:
        data = None
        if path.stat().st_size <= MAX_BYTES:
            raw = path.read_bytes()
            if len(raw) <= MAX_BYTES:
                data = load_plain(raw.decode("utf-8").removeprefix("\ufeff"))
    except (OSError, UnicodeDecodeError):
        data = None
    if data is not None:
        try:
            return model.model_validate(data)
        except ValidationError:
            pass
    return validate(model, Document.load(path, fenced=False), what=what)


def read_record_fast(path: Path, raw: bytes | None = None) -> Record | None:
    """The record in ``path`` (whose bytes are ``raw``, when already read) by the fast loader,
    or ``None`` to let the careful reader judge (and word the error). Reads what the careful
    reader reads: a BOM and CRLF line ends are taken as they come, the front matter is cut at
    the same fence."""
    if raw is None:
        try:
            if path.stat().st_size > MAX_BYTES:
                return None
            raw = path.read_bytes()
        except OSError:
            return None
    if len(raw) > MAX_BYTES or b"\n<<<<<<<" in raw or raw.startswith(b"<<<<<<<"):
        return None  # too big, or git left it mid-merge: the careful reader says which line
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        yaml_text, body, _ = split_front_matter(text.removeprefix("\ufeff"), path)
    except CoachlogError:
        return None
    data = load_plain(yaml_text.replace("\r\n", "\n"))
    model = RECORD_MODELS.get(data.get("kind")) if isinstance(data, dict) else None  # type: ignore[arg-type]
    if data is None or model is None:
        return None
    try:
        record = model.model_validate(data)
    except ValidationError:
        return None
    with_body_facts(record, body)
    return record if record.id == path.stem else None
