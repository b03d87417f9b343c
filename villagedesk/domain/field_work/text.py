"""Free text of field records: cleaned, required where the record means nothing without it, bounded."""

from __future__ import annotations

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_text


def clean_line(value: object) -> str:
    """One line of prose: spaces collapsed, no NFKC (it would turn Chinese ，。： into ASCII)."""
    text = str(value or "").replace("\u200b", "").replace("\ufeff", "")
    return " ".join(text.split())


def required_text(value: object, field: str, limit: int = 500) -> str:
    return _required(clean_line(value), field, limit)


def optional_text(value: object, field: str, limit: int = 1000) -> str:
    return bounded(clean_line(value), field, limit)


def clean_lines(value: object) -> str:
    """Prose, line by line: trimmed, blank lines dropped, line breaks of numbered terms kept.

    Unlike clean_text no NFKC here: it would turn Chinese full-width punctuation (，。：) into ASCII.
    """
    lines = [clean_line(line) for line in str(value or "").splitlines()]
    return "\n".join(line for line in lines if line)


def required_lines(value: object, field: str, limit: int = 2000) -> str:
    return _required(clean_lines(value), field, limit)


def optional_lines(value: object, field: str, limit: int = 2000) -> str:
    return bounded(clean_lines(value), field, limit)


def _required(text: str, field: str, limit: int) -> str:
    if not text:
        raise ValidationError(field, "不能为空")
    return bounded(text, field, limit)


def bounded(text: str, field: str, limit: int) -> str:
    if len(text) > limit:
        raise ValidationError(field, f"不能超过 {limit} 个字（现在 {len(text)} 个）")
    return text


def choice(value: object, labels: dict[str, str], field: str) -> str:
    """A code from `labels`; the Chinese label is accepted too (what a clerk picked or typed)."""
    text = clean_text(value)
    if text in labels:
        return text
    for code, label in labels.items():
        if text == label:
            return code
    if not text:
        raise ValidationError(field, "请选择：" + "、".join(labels.values()))
    raise ValidationError(field, f"“{text}”不是可选项，应为：" + "、".join(labels.values()))
