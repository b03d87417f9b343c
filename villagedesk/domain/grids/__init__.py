"""Rules of micro-grids and their workers: grids, the roster, rotation, evaluation, stipends."""
