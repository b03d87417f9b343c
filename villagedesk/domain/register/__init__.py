"""The household and resident register: statuses, relations, categories, pinyin keys, sensitive fields."""
