"""Repositories of the upward reports: form specifications, submissions, and the ledgers' reads."""
