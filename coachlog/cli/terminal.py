"""The terminal a command runs at: the person's editor, and a pager for output longer than
the screen. Neither is ever used in a pipe."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from coachlog.errors import UsageError
from coachlog.render.text import visible


def editor_command() -> list[str] | None:
    """The editor, as git chooses one: $VISUAL, then $EDITOR, then vi or nano if present."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("vi", "nano"):
        found = shutil.which(fallback)
        if found:
            return [found]
    return None


def open_in_editor(journal, path: Path, edit: bool | None) -> None:  # type: ignore[no-untyped-def]
    """Open the record at ``path`` in the editor, only on a terminal (never in a pipe); what
    the person types is merged with any change made meanwhile (``ops.editing``)."""
    if edit is False or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return
    command = editor_command()
    if command is None:
        if edit:
            warn("set $VISUAL or $EDITOR to open new records in your editor")
        return
    from coachlog.ops.editing import edit_record

    for text in edit_record(journal, path, lambda copy: _run_editor(command, copy)).warnings:
        warn(text)


def edit_at_terminal(journal, path: Path) -> bool:  # type: ignore[no-untyped-def]
    """``coachlog edit``: open ``path`` in the editor; refused in a pipe or with no editor.
    Whether the record changed."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "an editor needs a terminal; print the record with 'coachlog show' instead"
        )
    command = editor_command()
    if command is None:
        raise UsageError("no editor found; set $VISUAL or $EDITOR")
    from coachlog.ops.editing import edit_record

    edited = edit_record(journal, path, lambda copy: _run_editor(command, copy))
    for text in edited.warnings:
        warn(text)
    return edited.changed


def _run_editor(command: list[str], copy: Path) -> None:
    try:
        subprocess.run([*command, str(copy)], check=False)
    except OSError as exc:
        warn(f"could not start the editor {shlex.join(command)!r}: {exc.strerror}")


def warn(text: str) -> None:
    sys.stderr.write(f"warning: {visible(text)}\n")


# --- the pager --------------------------------------------------------------------------------


def pager_command() -> list[str]:
    """``$PAGER``, else ``less -FRX`` (quit when it fits, keep colours, leave the text)."""
    value = os.environ.get("PAGER", "").strip()
    return shlex.split(value) if value else ["less", "-FRX"]


def write_paged(text: str) -> None:
    """Write ``text`` to stdout; on a terminal, through the pager when it is longer than the
    screen. A pager that will not start is passed over."""
    if not text.endswith("\n"):
        text += "\n"
    if _taller_than_screen(text):
        command = pager_command()
        env = dict(os.environ)
        env.setdefault("LESS", "FRX")  # a bare "less" in $PAGER keeps colours too
        env.setdefault("LESSCHARSET", "utf-8")
        try:
            sys.stdout.flush()
            subprocess.run(command, input=text.encode("utf-8"), check=False, env=env)
            return
        except OSError:
            pass  # no such pager: the text as it is
    sys.stdout.write(text)


def _taller_than_screen(text: str) -> bool:
    try:
        if not (sys.stdout.isatty() and sys.stdin.isatty()):
            return False
    except (AttributeError, ValueError):
        return False
    rows = shutil.get_terminal_size((80, 24)).lines
    return text.count("\n") >= rows
