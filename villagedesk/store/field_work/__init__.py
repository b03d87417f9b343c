"""Repositories of field work: the SQL behind visits, follow-ups, notices, disputes, emergencies and the to-do list."""
