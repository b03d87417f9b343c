"""Repositories of the points ledger, activities, rules, goods, stock and redemptions (SQL lives here)."""
