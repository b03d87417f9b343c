"""Demo payrolls as a later step: once the emergencies have written their worker days, lock the past months.

Runs only if DEMO_STEPS lists ("补贴发放表", "grids_payroll") after the field-work step; otherwise
grids_workers locks the months itself (without the emergencies' days, which are then paid late as 补发).
"""

from __future__ import annotations

from villagedesk.services.demo.grids_workers import lock_past_months


def fill(ctx) -> None:
    lock_past_months(ctx)
