"""Pure coaching logic on plain data. Knows nothing of Typer, terminals or the file system."""
