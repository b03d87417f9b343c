"""Report periods (DESIGN §6): 2026-10, 2026-Q4, 2026, last-month, last-quarter, 2026-10-01..2026-10-15, and the
spellings a clerk types (2026Q4, 2026年11月, 2026年第4季度, 上个月, 本季度, 去年 …)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError

FIELD = "统计期间"
FORMS = ("2026-10 或 2026年10月（月）、2026-Q4 或 2026Q4（季）、2026（年）、本月、上个月、本季度、上季度、本年、上一年"
         "或 2026-10-01..2026-10-15（起止日期）")
HELP = ("统计期间：2026-11（月）、2026-Q4 或 2026Q4（季）、2026（年）、上个月/last-month、上季度/last-quarter、"
        "本月、本季度、本年、上一年，或 2026-11-03..2026-11-20（起止日期）")
_RELATIVE = {  # a word for a period counted from today -> (unit, how many back)
    **dict.fromkeys(("THIS-MONTH", "本月", "这个月", "当月"), ("month", 0)),
    **dict.fromkeys(("LAST-MONTH", "上个月", "上月"), ("month", 1)),
    **dict.fromkeys(("THIS-QUARTER", "本季度", "本季", "这个季度"), ("quarter", 0)),
    **dict.fromkeys(("LAST-QUARTER", "上季度", "上季", "上个季度"), ("quarter", 1)),
    **dict.fromkeys(("THIS-YEAR", "本年", "今年", "本年度"), ("year", 0)),
    **dict.fromkeys(("LAST-YEAR", "上一年", "去年", "上年", "上年度"), ("year", 1)),
}
_YEARS = (2000, 2099)


@dataclass(frozen=True)
class Period:
    """A half-open date range [start, end); `label` is its canonical spelling (last-month is resolved)."""

    label: str
    start: dt.date
    end: dt.date
    kind: str = ""  # month | quarter | year | range (derived from the label when left empty)

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", _kind_of(self.label))

    @property
    def title(self) -> str:
        """What a printed form says: 2026 年 10 月, 2026 年第 4 季度, 2026 年, 2026 年 10 月 1 日至 10 月 15 日."""
        if self.kind == "year":
            return f"{self.start.year} 年"
        if self.kind == "quarter":
            return f"{self.start.year} 年第 {(self.start.month + 2) // 3} 季度"
        if self.kind == "month":
            return f"{self.start.year} 年 {self.start.month} 月"
        last = self.last_day
        tail = f"{last.month} 月 {last.day} 日" if last.year == self.start.year else _cn_date(last)
        return f"{_cn_date(self.start)}至 {tail}"

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end

    def months(self) -> list[str]:
        """The months wholly inside the period, as YYYY-MM (a half month holds none)."""
        out, day = [], self.start
        while day < self.end:
            nxt = _next_month(day.replace(day=1))
            if day.day == 1 and nxt <= self.end:
                out.append(f"{day.year}-{day.month:02d}")
            day = nxt
        return out

    def same_period_last_year(self) -> Period:
        """The comparison period of a summary report (同期): one year earlier, same shape."""
        if self.kind == "range":
            start, last = _year_back(self.start), _year_back(self.last_day)
            return Period(_range_label(start, last), start, last + dt.timedelta(days=1), "range")
        start = self.start.replace(year=self.start.year - 1)
        end = self.end.replace(year=self.end.year - 1)
        label = str(start.year) + self.label[4:]
        return Period(label, start, end, self.kind)

    def is_future(self, today: dt.date | None = None) -> bool:
        """Nothing of it has happened yet: it starts after today."""
        return self.start > (today or clock.today())


def parse_period(value: str, today: dt.date | None = None) -> Period:
    """Parse every form of DESIGN §6 and a clerk's spellings of them; anything else names the field and the forms."""
    raw = (value or "").strip()
    text = _compact(raw)
    if not text:
        raise ValidationError(FIELD, f"请填写，格式为 {FORMS}")
    today = today or clock.today()
    if text in _RELATIVE:
        return relative_period(*_RELATIVE[text], today=today)
    if m := re.fullmatch(r"(\d{4})(?:-(\d{1,2})|年(\d{1,2})月)", text):
        year, month = _year(m[1], raw), int(m[2] or m[3])
        if not 1 <= month <= 12:
            raise ValidationError(FIELD, f"“{raw}”中的月份 {month} 应在 1–12 之间")
        return month_period(year, month)
    if m := re.fullmatch(r"(\d{4})(?:-?Q(\d)|年第?(\d)季度?)", text):
        year, q = _year(m[1], raw), int(m[2] or m[3])
        if not 1 <= q <= 4:
            raise ValidationError(FIELD, f"“{raw}”中的季度 {q} 应在 1–4 之间")
        return quarter_period(year, q)
    if m := re.fullmatch(r"(\d{4})(?:年度?)?", text):
        year = _year(m[1], raw)
        return Period(m[1], dt.date(year, 1, 1), dt.date(year + 1, 1, 1), "year")
    if m := re.fullmatch(r"(.+?)(?:\.\.|至|~|到)(.+)", text):
        start, last = _date(m[1], raw, "起始日期"), _date(m[2], raw, "截止日期")
        if last < start:
            raise ValidationError(FIELD, f"“{raw}”的截止日期早于起始日期")
        return Period(_range_label(start, last), start, last + dt.timedelta(days=1), "range")
    raise ValidationError(FIELD, f"“{raw}”格式不对，应为 {FORMS}")


def relative_period(unit: str, back: int = 0, today: dt.date | None = None) -> Period:
    """This (back=0) or an earlier month, quarter or year, counted from today."""
    today = today or clock.today()
    if unit == "year":
        return parse_period(str(today.year - back), today)
    if unit == "quarter":
        n = today.year * 4 + (today.month - 1) // 3 - back
        return quarter_period(n // 4, n % 4 + 1)
    n = today.year * 12 + today.month - 1 - back
    return month_period(n // 12, n % 12 + 1)


def _compact(raw: str) -> str:
    """Full-width digits and letters folded, dashes made one, blanks dropped, letters upper-cased."""
    text = unicodedata.normalize("NFKC", raw).upper()
    for dash in ("－", "–", "—", "‐"):
        text = text.replace(dash, "-")
    return re.sub(r"\s+", "", text)


def parse_report_period(value: str, today: dt.date | None = None) -> Period:
    """A period a report can be made for: a future one is refused (nothing has happened in it yet)."""
    today = today or clock.today()
    period = parse_period(value, today)
    if period.is_future(today):
        raise ValidationError(FIELD, f"“{period.title}”尚未开始（今天是 {_cn_date(today)}），不能生成报表")
    return period


def month_period(year: int, month: int) -> Period:
    start = dt.date(year, month, 1)
    return Period(f"{year}-{month:02d}", start, _next_month(start), "month")


def quarter_period(year: int, q: int) -> Period:
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1)
    return Period(f"{year}-Q{q}", start, end, "quarter")


def default_report_period(today: dt.date | None = None, grace_days: int = 10) -> Period:
    """In the first days of a month the office reports last month; later it works on this one."""
    today = today or clock.today()
    if today.day <= grace_days:
        return month_period(*_prev_month(today.year, today.month))
    return month_period(today.year, today.month)


def current_year(today: dt.date | None = None) -> Period:
    return parse_period(str((today or clock.today()).year))


def _kind_of(label: str) -> str:
    if re.fullmatch(r"\d{4}", label):
        return "year"
    if "Q" in label:
        return "quarter"
    return "range" if ".." in label else "month"


def _year(text: str, raw: str) -> int:
    year = int(text)
    if not _YEARS[0] <= year <= _YEARS[1]:
        raise ValidationError(FIELD, f"“{raw}”中的年份 {year} 不在 {_YEARS[0]}–{_YEARS[1]} 之间")
    return year


def _date(text: str, raw: str, what: str) -> dt.date:
    m = re.fullmatch(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日?", text.strip())
    if not m:
        raise ValidationError(FIELD, f"“{raw}”的{what}“{text}”应写成 2026-10-01")
    try:
        year, month, day_ = (m[1], m[3], m[4]) if m[1] else (m[5], m[6], m[7])
        day = dt.date(_year(year, raw), int(month), int(day_))
    except ValueError:
        raise ValidationError(FIELD, f"“{raw}”的{what}“{text}”不是有效日期") from None
    return day


def _range_label(start: dt.date, last: dt.date) -> str:
    return f"{start.isoformat()}..{last.isoformat()}"


def _cn_date(day: dt.date) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def _next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def _prev_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _year_back(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
