"""Files on disk: journal discovery, front matter round-trip, atomic writes and locks."""
