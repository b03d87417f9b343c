"""村务台 VillageDesk: micro-grid governance for a village committee office."""

__version__ = "0.1.0"
APP_NAME = "村务台"
