"""Output: data in, text out. Rich tables only on a terminal; plain text everywhere else."""
