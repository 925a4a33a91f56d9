"""The one write path: every change of the journal is one transaction.

    with transaction(journal, "goals done", goal_id, rep) as change:
        doc = Document.load(path)          # read (the lock is held: nobody writes meanwhile)
        ...                                # validate, change
        change.write_document(doc, OneOnOne)  # validated again, staged; nothing written yet

When the block ends without an error, the change is applied, all before the journal lock is
released: every staged file is written to a temporary file beside its target and flushed, then
each is renamed into place; the derived index is brought up to date for them; and with
``git: {autocommit: true}`` they are committed (``store.git``). An error inside the block writes
nothing at all. A command that writes several files (a profile and a 1:1) writes all of them or
none, short of a crash between two renames, which its next run completes: commands that write
several files are written to be idempotent.

What the person should hear of (a commit not made, and why) is added to ``journal.notices``;
the CLI prints each as a ``warning:`` line, and a Python caller can read them there.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachlog.errors import CoachlogError
from coachlog.store.atomic import discard, install, locked, stage

if TYPE_CHECKING:
    from pydantic import BaseModel

    from coachlog.store.journal import Journal
    from coachlog.store.privacy import Sealer
    from coachlog.store.yamlfile import Document


@dataclass
class Transaction:
    """The files one change writes, staged until it is applied."""

    journal: Journal
    action: str  # the command, as the commit message names it: "goals done"
    names: tuple[str, ...]  # what it is about: rep handles, goal ids, record ids; no free text
    staged: dict[Path, tuple[str, bool]] = field(default_factory=dict)
    removing: list[Path] = field(default_factory=list)  # files a rename leaves behind
    # private text -> the encrypted block that holds it already (``store.privacy.Sealer``)
    known: dict[str, str] = field(default_factory=dict)
    _sealer: Sealer | None = None
    _keys_read: bool = False

    def remove(self, path: Path) -> None:
        """Remove ``path`` once every staged file is in place (a record moved to a new name:
        a crash between the two leaves both, never neither)."""
        self.removing.append(path)

    def sealer(self, path: Path) -> Sealer | None:
        """What encrypts the private text of ``path`` as it is written: None when the journal
        names no key (``privacy.encrypt_to``) or the file is neither a record nor a profile."""
        profile = path.suffix == ".yaml" and "reps" in (path.parent.name, path.parent.parent.name)
        if path.suffix != ".md" and not profile:  # reps/H.yaml or reps/archived/H.yaml
            return None
        if not self._keys_read:
            keys = self.journal.config.privacy.encrypt_to
            if keys:
                from coachlog.store.privacy import Sealer, recipients

                self._sealer = Sealer(recipients(keys, self.journal.config_path), self.known)
            self._keys_read = True
        return self._sealer

    def write(self, path: Path, text: str, *, new: bool = False, sealed: bool = False) -> None:
        """Write ``text`` to ``path`` when the change is applied, its private text encrypted
        (unless ``sealed``: it already is); with ``new``, the file must not exist then."""
        sealer = None if sealed else self.sealer(path)
        if sealer is not None:
            text = sealer.seal_text(path, text)
            if path in sealer.unread:
                self.journal.notices.append(
                    f"{self.journal.relative(path)}: its front matter does not read, so its "
                    "private: fields stay as typed until it does (then run 'coachlog privacy "
                    "encrypt')"
                )
        self.staged[path] = (text, new)

    def write_document(
        self, doc: Document, model: type[BaseModel] | None = None, *, new: bool = False
    ) -> Any:
        """Validate ``doc`` against ``model`` (the change must leave a file that reads), stage
        it, and give back the model it makes."""
        made = None
        if model is not None:
            from coachlog.store.reading import validate

            made = validate(model, doc, what="a record" if doc.fenced else "a rep profile")
        sealer = self.sealer(doc.path)
        if sealer is not None:
            sealer.seal_document(doc)
        self.write(doc.path, doc.render(), new=new, sealed=True)
        return made

    def name(self, *names: str) -> None:
        """Add to what the commit message names (an id known only once it is made)."""
        self.names = (*self.names, *(n for n in names if n not in self.names))

    def apply(self) -> list[Path]:
        """Write every staged file that changes, index them and commit them; the files
        written (none when every one already reads so: running a change twice is a no-op)."""
        changing = {p: s for p, s in self.staged.items() if s[1] or _differs(p, s[0])}
        if not changing and not self.removing:
            return []
        temps: list[tuple[Path, Path, bool]] = []
        try:
            for path, (text, new) in changing.items():
                temps.append((stage(path, text), path, new))
        except BaseException as exc:
            for tmp, _, _ in temps:
                discard(tmp)
            if isinstance(exc, OSError):  # a read-only folder, a full disk: nothing written
                raise not_written(exc, path, "nothing was changed") from None
            raise
        done: list[Path] = []
        try:
            for tmp, path, new in temps:
                install(tmp, path, exclusive=new)
                done.append(path)
        except OSError as exc:
            left = len(temps) - len(done)
            raise not_written(exc, path, f"{left} of {len(temps)} files not changed") from None
        finally:
            for tmp, _, _ in temps[len(done) :]:
                discard(tmp)
            if done:
                self.journal.index_written(done)
        removed = []
        for path in self.removing:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise not_written(exc, path, "the new file is written; remove this one") from None
            removed.append(path)
        if removed:
            self.journal.index_written(removed)
        self._commit(done + removed)
        return done + removed

    def _commit(self, paths: list[Path]) -> None:
        journal = self.journal
        try:
            wanted = journal.config.git.autocommit
        except CoachlogError as exc:  # edited since the command started
            journal.notices.append(f"not committed: {exc}")
            return
        if not wanted:
            return
        from coachlog.store.git import autocommit

        relative = [os.path.relpath(p, journal.root).replace(os.sep, "/") for p in paths]
        reason = autocommit(journal.root, self.action, self.names, relative)
        if reason:
            journal.notices.append(reason)


def not_written(exc: OSError, path: Path, what: str) -> CoachlogError:
    """An error of the file system (a folder not writable, a full disk) as one line."""
    reason = (exc.strerror or type(exc).__name__).lower()
    return CoachlogError(f"cannot write ({reason}); {what}", path=path)


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() != text.encode("utf-8")
    except OSError:
        return True


@contextlib.contextmanager
def transaction(journal: Journal, action: str, *names: str) -> Iterator[Transaction]:
    """One change of ``journal``, under its lock: applied when the block ends, not at all on an
    error."""
    with locked(journal.derived_dir / "lock"):
        change = Transaction(journal, action, tuple(n for n in names if n))
        yield change
        change.apply()
