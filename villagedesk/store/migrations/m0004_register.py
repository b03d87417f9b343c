"""Schema 4 (issue 4): the household and resident register — search keys, moves, insurance."""

# Steps are registered here with @MIGRATIONS(name="000N_...") as the issue lands.
