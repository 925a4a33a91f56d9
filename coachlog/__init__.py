"""coachlog: a coaching journal for sales managers, kept as plain files in git."""

__version__ = "0.1.0"
