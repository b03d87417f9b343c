"""Cleaning what people type or paste: full-width digits, stray spaces."""

from __future__ import annotations

import unicodedata

from villagedesk.domain.errors import ValidationError


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


def short_text(value: object, field: str, limit: int, required: bool = False, empty: str = "不能为空") -> str:
    """clean_text of a form field, refused with `empty` when required and blank, or when over `limit` characters."""
    text = clean_text(value)
    if required and not text:
        raise ValidationError(field, empty)
    if len(text) > limit:
        raise ValidationError(field, f"不能超过 {limit} 个字")
    return text
