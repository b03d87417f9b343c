"""Schema 5 (issue 5): visits, follow-ups, notices, disputes and emergencies."""

# Steps are registered here with @MIGRATIONS(name="000N_...") as the issue lands.
