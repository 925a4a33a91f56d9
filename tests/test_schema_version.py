"""The index's SCHEMA_VERSION follows what the index stores: records as their models dump them,
goals as ``core.goals.GoalEntry`` (with its events) gives them, in the tables of its SCHEMA. A
change of any of these must bump SCHEMA_VERSION, or a warm index would serve rows in the old
shape; ``MODELS_HASH`` beside it is the hash of what it was bumped for."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from typing import Any

from coachlog.core.goals import GoalEntry
from coachlog.core.history import Event
from coachlog.model import RECORD_MODELS
from coachlog.store import index


def _shape(value: Any) -> Any:
    """A JSON schema without its descriptions (docstrings, which change no stored row)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items() if k != "description"}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return value


def models_hash() -> str:
    """A hash of what the index stores and depends on, the same on every run and machine."""
    stored = {
        "records": {
            kind: {
                mode: _shape(model.model_json_schema(mode=mode))
                for mode in ("validation", "serialization")
            }
            for kind, model in RECORD_MODELS.items()
        },
        "goal_entry": [f.name for f in fields(GoalEntry)],
        "goal_event": [f.name for f in fields(Event)],
        "schema": index.SCHEMA,
    }
    text = json.dumps(stored, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def test_schema_version_is_bumped_when_what_the_index_stores_changes() -> None:
    actual = models_hash()
    assert actual == index.MODELS_HASH, (
        "the record models or the index's SCHEMA changed: bump SCHEMA_VERSION in "
        "coachlog/store/index.py and update the hash beside it: "
        f"MODELS_HASH = {actual!r}"
    )


def test_the_hash_is_the_same_each_time_it_is_computed() -> None:
    assert models_hash() == models_hash()
