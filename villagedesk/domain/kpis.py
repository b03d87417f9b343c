"""The KPI names of `stats --json` (DESIGN.md §7): a contract with the township's tools."""

from __future__ import annotations

# In the contract's order. A KPI is printed only when the records it is computed from
# exist in this version of the app; none is ever made up.
KPI_NAMES: tuple[str, ...] = (
    "grids", "households", "residents", "workers_active", "worker_party_share",
    "workers_by_source", "workers_commended", "workers_replaced", "reserve_cadres",
    "trainings", "key_population_residents", "insurance_enrolment_rate", "visits",
    "follow_up_rate", "notices", "notice_coverage_hours_median", "disputes",
    "mediation_success_rate", "disputes_escalated", "emergencies",
    "initial_response_success_rate", "activities", "points_awarded", "points_redeemed",
    "points_outstanding", "redemptions", "goods_value_issued_yuan", "stipends_paid_yuan",
    "emergency_subsidies_paid_yuan",
)

KPI_LABELS: dict[str, str] = {
    "grids": "微网格数",
    "households": "户数",
    "residents": "常住人口",
    "workers_active": "在岗微网格员",
    "worker_party_share": "网格员党员占比",
    "workers_by_source": "网格员来源",
    "workers_commended": "表彰网格员",
    "workers_replaced": "调整网格员",
    "reserve_cadres": "村干部后备力量",
    "trainings": "培训场次",
    "key_population_residents": "重点人群",
    "insurance_enrolment_rate": "医保参保率",
    "visits": "入户走访",
    "follow_up_rate": "二次回访率",
    "notices": "政策宣传",
    "notice_coverage_hours_median": "宣传全覆盖用时（小时，中位数）",
    "disputes": "矛盾纠纷",
    "mediation_success_rate": "前置调解成功率",
    "disputes_escalated": "上报纠纷",
    "emergencies": "突发事件",
    "initial_response_success_rate": "初期处置成功率",
    "activities": "志愿服务活动",
    "points_awarded": "发放积分",
    "points_redeemed": "兑换积分",
    "points_outstanding": "未兑换积分",
    "redemptions": "兑换次数",
    "goods_value_issued_yuan": "发放物资价值（元）",
    "stipends_paid_yuan": "阶梯补贴（元）",
    "emergency_subsidies_paid_yuan": "临时补助（元）",
}

WORKER_SOURCES = ("cadre", "auxiliary", "volunteer")


def is_money(name: str) -> bool:
    return name.endswith("_yuan")


def shown(name: str, value: object) -> str:
    """A KPI as `stats` prints it: “—” where there is nothing to divide by, money with two decimals."""
    if value is None:
        return "—"
    if is_money(name) and isinstance(value, int | float):
        return f"{value:.2f}"
    return str(value)
