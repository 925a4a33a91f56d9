"""Private text encrypted to the team's keys, and read back with the person's own (spec 12).

With ``privacy: {encrypt_to: [...]}`` in coachlog.yaml, every file the journal writes holds its
private text (``## Private`` sections, ``private:`` fields at any depth: ``core.private``)
encrypted with age to those keys, ASCII-armoured: the file stays text, a diff shows which
private part changed, and no ``git grep`` finds what it says. The write path seals each file it
writes (``store.transaction``); text already encrypted is kept as it is, byte for byte, so a
change elsewhere in the file (a goal's progress) leaves its blocks alone.

A person reads private text with their identity: the file named by ``$COACHLOG_IDENTITY`` (an
age identity file, ``AGE-SECRET-KEY-1...``, or an SSH private key without a passphrase), by
default ``~/.ssh/id_ed25519``. A block it cannot open stays encrypted, shown as ``[encrypted]``.
``pyrage`` (age's Rust implementation) does the cryptography, imported only when a journal
encrypts or a block is read.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachlog.core.private import (
    SHOWN,
    has_clear_text,
    is_armored,
    private_sections,
    sealed_section,
)
from coachlog.errors import CoachlogError
from coachlog.store.yamlfile import Document, _yaml, parse_roundtrip

IDENTITY_ENV = "COACHLOG_IDENTITY"
DEFAULT_IDENTITY = "~/.ssh/id_ed25519"
FIELD = "private"


# --- keys ---------------------------------------------------------------------------------------


def recipients(keys: list[str], config: Path) -> list[Any]:
    """The public keys of ``privacy.encrypt_to`` as age recipients; a key that does not parse
    is an error naming coachlog.yaml and the key's line."""
    from pyrage import RecipientError, ssh, x25519

    found = []
    for number, key in enumerate(keys):
        try:
            kind = x25519 if key.startswith("age1") else ssh
            found.append(kind.Recipient.from_str(key))
        except RecipientError as exc:
            why = re.search(r'"([^"]+)"', str(exc))  # rage's words, without its Rust type names
            raise CoachlogError(
                f"privacy.encrypt_to.{number}: not a usable public key "
                f"({why.group(1) if why else exc})",
                path=config,
                line=_line_of(config, key.split()[-1] if " " in key else key),
            ) from None
    return found


def _line_of(path: Path, text: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, 1) if text in line), None)


def identity_path(env: dict[str, str] | None = None) -> Path:
    """The identity file a person reads private text with: ``$COACHLOG_IDENTITY``, else
    ``~/.ssh/id_ed25519``."""
    value = (os.environ if env is None else env).get(IDENTITY_ENV, "").strip()
    return Path(os.path.expanduser(value or DEFAULT_IDENTITY))


@dataclass
class Identity:
    """What the person can open private text with: age identities, or none and why."""

    path: Path
    keys: list[Any] = field(default_factory=list)
    problem: str | None = None  # why there are none: no file, a passphrase, not a key


def load_identity(path: Path | None = None) -> Identity:
    """The identities in ``path`` (``identity_path()`` by default). Never raises: a file that
    is missing or does not read leaves private text encrypted, and says why."""
    path = path or identity_path()
    found = Identity(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        found.problem = f"no identity at {path} (set {IDENTITY_ENV} to your key file)"
        return found
    except OSError as exc:
        found.problem = f"cannot read the identity {path} ({(exc.strerror or '').lower()})"
        return found
    from pyrage import IdentityError, ssh, x25519

    text = raw.decode("utf-8", "replace")
    try:
        if "AGE-SECRET-KEY-" in text:
            found.keys = [
                x25519.Identity.from_str(line.strip())
                for line in text.splitlines()
                if line.strip().startswith("AGE-SECRET-KEY-")
            ]
        elif "PRIVATE KEY-----" in text:
            found.keys = [ssh.Identity.from_buffer(raw)]
        else:
            found.problem = f"{path} holds no age identity or SSH private key"
    except (IdentityError, ValueError) as exc:
        protected = "aes256" in text or "ENCRYPTED" in text or "passphrase" in str(exc).lower()
        found.problem = (
            f"the SSH key {path} has a passphrase, which coachlog cannot ask for: use an age "
            f"identity or a key without one in {IDENTITY_ENV}"
            if protected
            else f"{path} does not read as an identity ({exc})"
        )
    return found


def encrypt(text: str, to: list[Any]) -> str:
    import pyrage

    return pyrage.encrypt(text.encode("utf-8"), to, armored=True).decode("ascii")


def decrypt(armor: str, identity: Identity) -> str | None:
    """The text ``armor`` holds; None when ``identity`` cannot open it (or it is damaged)."""
    if not identity.keys:
        return None
    import pyrage

    try:
        return pyrage.decrypt(_dedented(armor).encode("ascii"), identity.keys).decode("utf-8")
    except (pyrage.DecryptError, UnicodeError, ValueError):
        return None


def _dedented(armor: str) -> str:
    return "".join(line.strip() + "\n" for line in armor.strip().splitlines())


# --- a private field's value as text ------------------------------------------------------------


def _field_text(value: Any) -> str:
    """What a ``private:`` field says, as the YAML that writes it (``private: ...``)."""
    out = io.StringIO()
    _yaml().dump({FIELD: value}, out)
    return out.getvalue()


def _field_value(text: str, path: Path) -> Any:
    data, _ = parse_roundtrip(text, path, 1)
    return data[FIELD] if isinstance(data, dict) and FIELD in data else text


def _put(holder: dict[str, Any], value: Any) -> None:
    """``holder["private"] = value``, in the style of ``value``: ruamel keeps an old string's
    style for a new one (a clear note would be written as the block its armour was)."""
    holder[FIELD] = None
    holder[FIELD] = value


def _private_fields(data: Any) -> Iterable[dict[str, Any]]:
    """Every mapping of ``data`` with a ``private`` key, at any depth (not inside one)."""
    if isinstance(data, dict):
        if FIELD in data:
            yield data
        for key, value in data.items():
            if key != FIELD:
                yield from _private_fields(value)
    elif isinstance(data, list):
        for value in data:
            yield from _private_fields(value)


# --- sealing: private text encrypted as it is written -------------------------------------------


@dataclass
class Sealer:
    """Encrypts the private text of what is written to ``to``. ``known`` maps private text to
    the block that already holds it (the blocks of the file as it was opened): text that did not
    change keeps its block, so a file changes only where its private text did."""

    to: list[Any]
    known: dict[str, str] = field(default_factory=dict)
    sealed: int = 0  # private parts encrypted anew
    placed: int = 0  # private parts put in a block, anew or as they were
    unread: list[Path] = field(default_factory=list)  # front matter that did not read

    def _armor(self, text: str) -> str:
        self.placed += 1
        armor = self.known.get(text)
        if armor is None:
            armor = encrypt(text, self.to)
            self.sealed += 1
        return armor

    def seal_document(self, doc: Document) -> None:
        """Encrypt, in place, every private text of ``doc`` that is not yet encrypted."""
        for holder in _private_fields(doc.data):
            value = holder[FIELD]
            if value is None or (isinstance(value, str) and not has_clear_text(value)):
                continue
            _put(holder, self._armor(_field_text(value)))
        if doc.fenced:
            doc.body = self.seal_body(doc.body)

    def seal_body(self, body: str) -> str:
        for section in reversed(private_sections(body)):
            text = body[section.start : section.end]
            if has_clear_text(text):
                sealed = sealed_section(self._armor(text), followed=section.end < len(body))
                body = body[: section.start] + sealed + body[section.end :]
        return body

    def seal_text(self, path: Path, text: str, *, strict: bool = False) -> str:
        """``text`` (a whole record or profile) with its private text encrypted. Where the
        front matter does not read (saved broken from the editor), its ``private:`` fields
        cannot be found: the body is sealed all the same, and the path joins ``unread``;
        with ``strict``, that is the error."""
        fenced = path.suffix == ".md"
        before = self.placed
        try:
            doc = Document.parse(path, text, fenced=fenced)
        except CoachlogError:
            if strict:
                raise
            self.unread.append(path)
            return self.seal_body(text) if fenced else text
        self.seal_document(doc)
        return text if self.placed == before else doc.render()


# --- unsealing: private text for the person reading or editing ----------------------------------


@dataclass
class Opened:
    """A file as a person reads it: ``text`` with the private text they can open in clear."""

    text: str
    known: dict[str, str]  # clear text -> the block it came from
    locked: int = 0  # blocks left encrypted (no key for them)


def unseal_text(path: Path, text: str, identity: Identity, *, shown: str | None = None) -> Opened:
    """``text`` with each encrypted block ``identity`` opens in clear. A block it cannot open is
    left as it is, or replaced by ``shown`` (``[encrypted]``, for reading). Front matter that
    does not read keeps its fields as they are; the body's sections are opened all the same."""
    opened = Opened(text, {})
    if "-----BEGIN AGE ENCRYPTED FILE-----" not in text:
        return opened
    fenced = path.suffix == ".md"
    try:
        doc = Document.parse(path, text, fenced=fenced)
    except CoachlogError:
        doc = None
    if doc is not None:
        for holder in _private_fields(doc.data):
            value = holder[FIELD]
            if not (isinstance(value, str) and is_armored(value)):
                continue
            clear = decrypt(value, identity)
            if clear is None:
                opened.locked += 1
                if shown is not None:
                    _put(holder, shown)
                continue
            opened.known[clear] = value
            try:
                _put(holder, _field_value(clear, path))
            except CoachlogError:  # not written by coachlog: shown as the text it is
                _put(holder, clear)
        if fenced:
            doc.body = _unseal_body(doc.body, identity, opened, shown)
        opened.text = doc.render()
    else:
        opened.text = _unseal_body(text, identity, opened, shown)
    return opened


def _unseal_body(body: str, identity: Identity, opened: Opened, shown: str | None) -> str:
    for section in reversed(private_sections(body)):
        armor = body[section.start : section.end]
        if not is_armored(armor):
            continue
        clear = decrypt(armor, identity)
        if clear is None:
            opened.locked += 1
            if shown is None:
                continue
            clear = sealed_section(shown, followed=section.end < len(body))
        else:
            opened.known[clear] = armor.strip() + "\n"
        body = body[: section.start] + clear + body[section.end :]
    return body


def reader_note(opened: Opened, identity: Identity, *, verb: str = "left encrypted") -> str | None:
    """What a person should hear when private text stayed encrypted; None when none did."""
    if not opened.locked:
        return None
    why = identity.problem or f"the identity {identity.path} is not one it was encrypted to"
    parts = f"{opened.locked} private part{'s' if opened.locked != 1 else ''}"
    return f"{parts} {verb}: {why}"


__all__ = [
    "SHOWN",
    "Identity",
    "Opened",
    "Sealer",
    "identity_path",
    "load_identity",
    "reader_note",
    "recipients",
    "unseal_text",
]
