"""A record in the person's editor, with nothing lost on either side.

The editor works on a copy of the record (in ``.coachlog/edit/``), never on the record itself:
while it is open, other commands may change the record (a goal added or closed during the
meeting). When the editor returns, the person's edits are merged, in one transaction, with
what the record holds now: a three-way merge against the text as it was opened. Where both
changed the same lines, both are kept (the person's first) and a warning says so. A result
that no longer reads (front matter broken in the editor) is still written, as typed, with a
warning naming the line; a record deleted meanwhile is written again, with a warning.

In a journal that encrypts private text (``store.privacy``), the copy holds it in clear where
the person's identity opens it, and it is encrypted again as the record is written: a private
part they did not change keeps its block as it was. What their identity cannot open stays
encrypted in the copy, with a warning, and is written back as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coachlog.core.textmerge import merge_text
from coachlog.errors import CoachlogError
from coachlog.store.atomic import ensure_derived_dir
from coachlog.store.journal import Journal
from coachlog.store.transaction import transaction


@dataclass
class Edited:
    path: Path
    changed: bool = False
    warnings: list[str] = field(default_factory=list)


def edit_record(journal: Journal, path: Path, run_editor: Callable[[Path], None]) -> Edited:
    """Let the person edit ``path`` through ``run_editor`` (which returns when the editor is
    closed), then merge what they typed with what the record holds by then."""
    relative = journal.relative(path)
    sealed = _read(path)
    view = open_private(journal, path, sealed)
    opened = view.text
    result = Edited(path)
    if view.note:
        result.warnings.append(f"{relative}: {view.note}")
    folder = journal.derived_dir / "edit"
    ensure_derived_dir(journal.derived_dir)
    folder.mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"{path.stem}.", dir=folder))
    try:
        copy = workdir / path.name  # the record's own name: the editor knows it is Markdown
        copy.write_bytes(opened.encode("utf-8"))
        run_editor(copy)
        if not copy.exists():
            result.warnings.append(f"{relative}: the editor removed it; nothing changed")
            return result
        typed = _read(copy)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if typed == opened:
        return result
    # named by its id; a call's record by its day alone (its file name holds the call's title)
    named = path.stem if path.parent.parent.name == "1on1" else path.stem[:10]
    with transaction(journal, "edit", named) as change:
        change.known.update(view.known)
        try:
            now_sealed = _read(path)
            now_view = view if now_sealed == sealed else open_private(journal, path, now_sealed)
            change.known.update(now_view.known)
            now: str | None = now_view.text
        except FileNotFoundError:
            now = None
            result.warnings.append(
                f"{relative} was deleted while it was open in the editor; written again with "
                "your edits"
            )
        if now is None or now == opened:
            text = typed
        else:
            merged = merge_text(opened, typed, now, markers=False)
            text = merged.text
            if merged.clashes:
                result.warnings.append(
                    f"{relative}: your edits and another change while it was open touched the "
                    f"same lines ({merged.clashes} place{'s' if merged.clashes != 1 else ''}); "
                    "both are kept, yours first: look it over"
                )
        problem = _problem(journal, path, text)
        if problem is not None:
            result.warnings.append(
                f"{problem}; saved as you left it: fix it, then run coachlog check"
            )
        change.write(path, text)
    result.changed = True
    return result


@dataclass
class OpenedRecord:
    """A record as the person edits it: its private text in clear where they can read it."""

    text: str
    known: dict[str, str] = field(default_factory=dict)  # clear text -> its encrypted block
    note: str | None = None  # why some private text stayed encrypted


def open_private(journal: Journal, path: Path, text: str) -> OpenedRecord:
    """``text`` of ``path`` with the encrypted private text the person's identity opens in
    clear, when the journal encrypts (``privacy.encrypt_to``): what is opened is encrypted
    again when written. A journal that names no key leaves the blocks as they are (they would
    be written back in clear)."""
    from coachlog.core.private import ARMOR_BEGIN

    if ARMOR_BEGIN not in text:
        return OpenedRecord(text)
    if not journal.config.privacy.encrypt_to:
        return OpenedRecord(
            text,
            note="its private text stays encrypted here: coachlog.yaml names no key to encrypt "
            "it to again (privacy.encrypt_to)",
        )
    from coachlog.store.privacy import load_identity, reader_note, unseal_text

    identity = load_identity()
    opened = unseal_text(path, text, identity)
    return OpenedRecord(opened.text, opened.known, reader_note(opened, identity))


def _read(path: Path) -> str:
    """The file's text, exactly (line ends too); not UTF-8 is an error that names it."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CoachlogError(f"not UTF-8 text (byte {exc.start})", path=path) from None


def _problem(journal: Journal, path: Path, text: str) -> str | None:
    """Why ``text`` does not read as a record, as ``path:line: message``; None when it does."""
    from coachlog.model import RECORD_MODELS
    from coachlog.store.reading import validate
    from coachlog.store.yamlfile import Document

    try:
        doc = Document.parse(path, text)
        model = RECORD_MODELS.get(str(doc.data.get("kind")))
        if model is None:
            raise CoachlogError("no known record kind", path=path, line=doc.line_of(("kind",)))
        validate(model, doc, what="a record")
    except CoachlogError as exc:
        return f"{journal.relative(path)}:{exc.line or 1}: {exc.message}"
    return None
