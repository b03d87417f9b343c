"""Use cases of the household and resident register: households, residents, search, import, insurance."""
