"""Repositories of the grids-and-workers feature (issue 3): one module per job, SQL only here."""
