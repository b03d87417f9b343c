"""The points ledger's pure rules: canonical JSON and hashing, receipt numbers, rule catalogue, quantities."""
