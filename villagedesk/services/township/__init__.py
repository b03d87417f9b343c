"""The township's own use cases: setting up a township node, its registered villages, ownership of their rows."""
