"""Value types, rules, validation and errors; no I/O, no Qt."""
