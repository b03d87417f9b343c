"""Schema 3 (issue 3): grids and workers — evaluations, reserve cadres, training, stipends."""

# Steps are registered here with @MIGRATIONS(name="000N_...") as the issue lands.
