"""Sync packages between nodes (DESIGN.md §4); the store keeps the change log they carry from schema 1."""
