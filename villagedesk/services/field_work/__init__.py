"""Use cases of a grid worker's daily work: visits, follow-ups, notices, disputes, emergencies, the to-do list."""
