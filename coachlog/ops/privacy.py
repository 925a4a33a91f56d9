"""``coachlog privacy``: a journal's private text encrypted to the keys its config names.

``encrypt_journal`` encrypts what is still in clear (a journal written before it named keys, a
private field typed by hand); ``rotate_journal`` encrypts every private text again to the keys
named now, so a key taken out of ``privacy.encrypt_to`` opens nothing written from then on, and
a key put in opens everything. Each is one transaction over every record and rep profile: all
files or none, and only their private parts change (the rest of each file byte for byte).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from coachlog.errors import CoachlogError
from coachlog.store.journal import Journal
from coachlog.store.transaction import transaction


@dataclass
class Encrypted:
    files: list[str]  # the files changed, relative to the journal
    parts: int  # private parts encrypted
    keys: int  # the keys they are encrypted to
    identity: str = ""  # the identity that opened them (rotate)


def _keys(journal: Journal, command: str) -> list[str]:
    keys = journal.config.privacy.encrypt_to
    if not keys:
        raise CoachlogError(
            "privacy: encrypt_to names no key to encrypt to",
            path=journal.config_path,
            hint=f"add the team's public keys (age1... or ssh-ed25519 ...), then run "
            f"'coachlog privacy {command}'",
        )
    return keys


def _private_files(journal: Journal) -> Iterator[Path]:
    yield from journal.record_paths()
    for handle in journal.rep_handles():
        yield journal.rep_path(handle)


def _read(journal: Journal, path: Path) -> str:
    """The file's text; a link out of the journal, never read nor written through, as none."""
    from coachlog.store.yamlfile import read_text

    outside = journal.files.outside(path)
    if outside is not None:
        journal.notices.append(f"{journal.relative(path)}: {outside.message}")
        return ""
    return read_text(path)


def encrypt_journal(journal: Journal) -> Encrypted:
    """Encrypt every private text still in clear to ``privacy.encrypt_to``; what is encrypted
    already is left as it is. A file whose front matter does not read stops it, nothing
    written: its private fields could not be found."""
    keys = _keys(journal, "encrypt")
    files, parts = _seal_every_file(journal, "privacy encrypt", lambda path, text: text)
    return Encrypted(files, parts, len(keys))


def rotate_journal(journal: Journal) -> Encrypted:
    """Encrypt every private text again, to the keys ``privacy.encrypt_to`` names now (and
    what is in clear too). Every block must open with the person's identity: one that does not
    stops it, nothing written."""
    from coachlog.core.private import ARMOR_BEGIN
    from coachlog.store.privacy import load_identity, reader_note, unseal_text

    keys = _keys(journal, "rotate")
    identity = load_identity()

    def opened(path: Path, text: str) -> str:
        if ARMOR_BEGIN not in text:
            return text
        found = unseal_text(path, text, identity)
        if found.locked:
            why = reader_note(found, identity, verb="cannot be opened to encrypt again")
            raise CoachlogError(f"{why}; nothing was changed", path=path)
        return found.text

    files, parts = _seal_every_file(journal, "privacy rotate", opened)
    return Encrypted(files, parts, len(keys), str(identity.path))


def _seal_every_file(
    journal: Journal, action: str, opened: Callable[[Path, str], str]
) -> tuple[list[str], int]:
    """In one transaction, every record and profile with private text sealed from its
    ``opened(path, text)`` text: the files that change, and the private parts encrypted."""
    with transaction(journal, action) as change:
        files = []
        parts = 0
        for path in _private_files(journal):
            text = _read(journal, path)
            sealer = change.sealer(path)
            if sealer is None or "private" not in text.lower():
                continue
            before = sealer.sealed
            sealed = sealer.seal_text(path, opened(path, text), strict=True)
            parts += sealer.sealed - before
            if sealed != text:
                change.write(path, sealed, sealed=True)
                files.append(journal.relative(path))
    return files, parts


def read_private(journal: Journal, path: Path) -> tuple[str, str | None]:
    """The text of ``path`` as a person reads it: private text in clear where their identity
    opens it, ``[encrypted]`` where it does not; and why some stayed encrypted (or None)."""
    return open_private(path, _read(journal, path))


def open_private(path: Path, text: str) -> tuple[str, str | None]:
    """``text``, read from ``path``, as a person reads it (see ``read_private``)."""
    from coachlog.core.private import ARMOR_BEGIN, SHOWN

    if ARMOR_BEGIN not in text:
        return text, None
    from coachlog.store.privacy import load_identity, reader_note, unseal_text

    identity = load_identity()
    opened = unseal_text(path, text, identity, shown=SHOWN)
    return opened.text, reader_note(opened, identity)
