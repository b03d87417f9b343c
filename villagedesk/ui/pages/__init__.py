"""One folder per module of the left navigation; registry.py lists them in order."""
