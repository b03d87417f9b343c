"""Backups and restore (issue 12): made, verified, thinned, encrypted for a USB stick, restored."""
