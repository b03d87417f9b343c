"""Field work of a grid worker: visits, follow-ups, notices, disputes and emergencies (rules, no I/O)."""
