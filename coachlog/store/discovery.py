"""Where a journal is and what its config says: ``find_journal`` finds the folder as git finds
a repo, and ``ConfigFile`` reads coachlog.yaml once per command and validates it once per
change of the file (the index keeps the size and modification time it had when it last read
well).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from coachlog.errors import NotFoundError
from coachlog.store.index import RACY_NS

if TYPE_CHECKING:
    from coachlog.model import JournalConfig
    from coachlog.store.index import Index

CONFIG_NAME = "coachlog.yaml"
DERIVED_DIR = ".coachlog"


def find_journal(explicit: str | None, env: Mapping[str, str], cwd: Path) -> Path:
    """The journal's folder, found as git finds a repo: ``--journal``, then
    ``COACHLOG_JOURNAL``, then the nearest folder up from ``cwd`` holding coachlog.yaml."""
    for given, where in (
        (explicit, "journal"),
        (env.get("COACHLOG_JOURNAL"), "COACHLOG_JOURNAL"),
    ):
        if given:
            root = Path(given).expanduser()
            if not (root / CONFIG_NAME).is_file():
                raise NotFoundError(
                    f"no {CONFIG_NAME} in {root}",
                    field=where,
                    hint=f"run 'coachlog init {given}' to start a journal there",
                )
            return root
    for folder in (cwd, *cwd.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise NotFoundError(
        f"no journal here: no {CONFIG_NAME} in {cwd} or any folder above it",
        hint="run 'coachlog init' to start one, or 'coachlog --journal PATH ...' for one elsewhere",
    )


class ConfigFile:
    """A journal's coachlog.yaml: read (and validated) on first use, then kept."""

    def __init__(self, root: Path) -> None:
        self.path = root / CONFIG_NAME
        self._config: JournalConfig | None = None

    def read(self) -> JournalConfig:
        """The config; an error naming the file and line when it does not read."""
        if self._config is None:
            from coachlog.model import JournalConfig
            from coachlog.store.reading import read_model

            self._config = read_model(JournalConfig, self.path, what=CONFIG_NAME)
        return self._config

    def check(self, opened_index: Callable[[], Index]) -> None:
        """Refuse to go on while coachlog.yaml does not read: every command does, even one
        that needs no setting. The file is validated once per change, not on every command:
        the index (``opened_index()``, not brought up to date) keeps the size and modification
        time it had when it last read well (not within the last two seconds, as for
        records)."""
        if self._config is not None:
            return
        try:
            st = self.path.stat()
        except OSError:
            self.read()  # raises the error that names the file
            return
        stamp = (st.st_size, st.st_mtime_ns)
        index = opened_index()
        if index.meta("config") == stamp:
            return
        self.read()  # raises the error that names the file and line
        if st.st_mtime_ns < time.time_ns() - RACY_NS:
            index.set_meta("config", stamp)
