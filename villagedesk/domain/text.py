"""Cleaning what people type or paste: full-width digits, stray spaces."""

from __future__ import annotations

import unicodedata


def clean_text(value: object) -> str:
    """NFKC-normalise (full-width → half-width) and trim, keeping inner single spaces."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return " ".join(text.split())


def clean_digits(value: object) -> str:
    """Like clean_text, but drops every space: for codes, numbers and phones."""
    return clean_text(value).replace(" ", "").replace("-", "")
