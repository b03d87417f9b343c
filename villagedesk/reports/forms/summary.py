"""Report 1, 微网格治理工作情况月报: every KPI of DESIGN §7 for the period, the same period last year, the change."""

from __future__ import annotations

from villagedesk.domain.kpis import KPI_LABELS, KPI_NAMES
from villagedesk.reports.forms.common import Source, form_table
from villagedesk.reports.table import Column, ReportTable

SOURCE_LABELS = {"cadre": "其中：村干部（小组长）", "auxiliary": "其中：农村辅助人员", "volunteer": "其中：热心党员（群众）"}
RATES = {"worker_party_share", "insurance_enrolment_rate", "follow_up_rate", "mediation_success_rate",
         "initial_response_success_rate"}
COLUMNS = [Column("指标名称", width=22), Column("指标代码", "code", 22), Column("本期", "figure", 10),
           Column("上年同期", "figure", 10), Column("增减", "figure", 10)]


def shown(name: str, value):
    """The figure as the form prints it: rates as percentages (0.9615 -> 96.15), the rest as they are."""
    if value is None:
        return None
    if name in RATES:
        return round(value * 100, 2)
    return value


def summary_rows(current: dict, previous: dict) -> list[list]:
    rows = []
    for name in KPI_NAMES:
        if name not in current:
            continue
        if name == "workers_by_source":
            for source, label in SOURCE_LABELS.items():
                cur, prev = current[name].get(source), (previous.get(name) or {}).get(source)
                rows.append([label, f"{name}.{source}", cur, prev, _change(cur, prev)])
            continue
        label = KPI_LABELS[name] + ("（%）" if name in RATES else "")
        cur, prev = shown(name, current[name]), shown(name, previous.get(name))
        rows.append([label, name, _placeholder(cur), _placeholder(prev), _change(cur, prev)])
    return rows


def build(src: Source) -> ReportTable:
    assert src.kpis is not None, "the summary report reads the one KPI implementation"
    last_year = src.period.same_period_last_year()
    current, previous = src.kpis(src.period), src.kpis(last_year)
    notes = [f"上年同期：{last_year.title}。比率以百分数列示，其增减为百分点；“—”表示该期没有可计算的记录。",
             "时点指标（网格、户数、人口、在岗网格员）为当前数；其余为本期发生数。"]
    if not any(isinstance(v, (int, float)) and v for k, v in current.items()
               if k not in ("grids", "households", "residents", "workers_active", "worker_party_share",
                            "points_outstanding", "reserve_cadres", "key_population_residents",
                            "insurance_enrolment_rate")):
        notes.insert(0, f"{src.period.title}本期无数据。")
    return form_table(src, COLUMNS, summary_rows(current, previous), text_columns=2, notes=notes,
                      sheet=f"{src.spec.number} 月报")


def _placeholder(value):
    return "—" if value is None else value


def _change(cur, prev):
    if not isinstance(cur, (int, float)) or not isinstance(prev, (int, float)):
        return "—"
    diff = cur - prev
    return round(diff, 2) if isinstance(diff, float) else diff
