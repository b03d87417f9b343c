"""Schema 6 (issue 6): volunteer points ledger, activities, goods, stock and redemptions."""

# Steps are registered here with @MIGRATIONS(name="000N_...") as the issue lands.
