"""The PySide6 face of VillageDesk: main window, pages, Qt models and the job runner."""
