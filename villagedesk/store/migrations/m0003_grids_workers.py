"""Schema 3 (issue 3): grids and workers — evaluations, reserve cadres, training, stipends."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import create_synced_table


@MIGRATIONS(name="0003_grids_workers")
def grids_workers(db: Database) -> None:
    # Evaluation rubric: a new version is a new row; an evaluation keeps the version it used.
    create_synced_table(db, "eval_rubrics", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        name TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE UNIQUE INDEX eval_rubrics_version ON eval_rubrics(village_id, version)"
               " WHERE deleted_at IS NULL")
    create_synced_table(db, "eval_rubric_items", """
        rubric_id TEXT NOT NULL REFERENCES eval_rubrics(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        weight REAL NOT NULL CHECK (weight > 0),
        max_score REAL NOT NULL CHECK (max_score > 0),
        indicator TEXT,
        target_per_month REAL CHECK (target_per_month IS NULL OR target_per_month > 0)""")
    db.execute("CREATE INDEX eval_rubric_items_rubric ON eval_rubric_items(rubric_id)")
    create_synced_table(db, "evaluations", """
        worker_id TEXT NOT NULL REFERENCES workers(id),
        grid_id TEXT REFERENCES grids(id),
        rubric_id TEXT NOT NULL REFERENCES eval_rubrics(id),
        period TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        evaluated_on TEXT NOT NULL,
        total_score REAL NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('commend', 'keep', 'replace')),
        replace_reason TEXT CHECK (replace_reason IS NULL OR replace_reason IN ('unfit', 'not_diligent')),
        reason TEXT NOT NULL DEFAULT '',
        entered_by TEXT NOT NULL DEFAULT 'village' CHECK (entered_by IN ('village', 'township')),
        evaluator TEXT NOT NULL DEFAULT ''""",
        "CHECK ((outcome = 'replace') = (replace_reason IS NOT NULL))")
    db.execute("CREATE UNIQUE INDEX evaluations_once ON evaluations(worker_id, period) WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX evaluations_period ON evaluations(period_start)")
    create_synced_table(db, "evaluation_scores", """
        evaluation_id TEXT NOT NULL REFERENCES evaluations(id),
        item_id TEXT NOT NULL REFERENCES eval_rubric_items(id),
        score REAL NOT NULL CHECK (score >= 0),
        indicator_value REAL""")
    db.execute("CREATE INDEX evaluation_scores_evaluation ON evaluation_scores(evaluation_id)")

    # Reserve cadres (村干部后备力量): one row per admission; leaving the pool closes it.
    create_synced_table(db, "reserve_cadres", """
        worker_id TEXT NOT NULL REFERENCES workers(id),
        admitted_on TEXT NOT NULL,
        reason TEXT NOT NULL,
        left_on TEXT,
        left_reason TEXT NOT NULL DEFAULT ''""", "CHECK (left_on IS NULL OR left_on >= admitted_on)")
    db.execute("CREATE UNIQUE INDEX reserve_cadres_open ON reserve_cadres(worker_id)"
               " WHERE left_on IS NULL AND deleted_at IS NULL")

    # Training sessions and who attended.
    create_synced_table(db, "trainings", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        held_on TEXT NOT NULL,
        topic TEXT NOT NULL,
        hours REAL NOT NULL CHECK (hours > 0),
        trainer TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE INDEX trainings_held_on ON trainings(held_on)")
    create_synced_table(db, "training_attendance", """
        training_id TEXT NOT NULL REFERENCES trainings(id),
        worker_id TEXT NOT NULL REFERENCES workers(id)""")
    db.execute("CREATE UNIQUE INDEX training_attendance_once ON training_attendance(training_id, worker_id)"
               " WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX training_attendance_worker ON training_attendance(worker_id)")

    # Stipends: a tier table version per effective date; money in fen (1/100 yuan).
    create_synced_table(db, "stipend_tier_tables", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        effective_from TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE UNIQUE INDEX stipend_tier_tables_from ON stipend_tier_tables(village_id, effective_from)"
               " WHERE deleted_at IS NULL")
    create_synced_table(db, "stipend_tiers", """
        table_id TEXT NOT NULL REFERENCES stipend_tier_tables(id),
        min_residents INTEGER NOT NULL CHECK (min_residents >= 0),
        max_residents INTEGER,
        amount_fen INTEGER NOT NULL CHECK (amount_fen BETWEEN 5000 AND 15000)""",
        "CHECK (max_residents IS NULL OR max_residents >= min_residents)")
    db.execute("CREATE INDEX stipend_tiers_table ON stipend_tiers(table_id)")
    create_synced_table(db, "subsidy_rates", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        kind TEXT NOT NULL CHECK (kind IN ('flood', 'forest_fire', 'geological', 'house_fire', 'other')),
        effective_from TEXT NOT NULL,
        rate_fen INTEGER NOT NULL CHECK (rate_fen BETWEEN 5000 AND 8000)""")
    db.execute("CREATE UNIQUE INDEX subsidy_rates_from ON subsidy_rates(village_id, kind, effective_from)"
               " WHERE deleted_at IS NULL")

    # Monthly payroll: draft -> reviewed -> approved -> locked; a locked month never changes.
    create_synced_table(db, "payrolls", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        month TEXT NOT NULL CHECK (length(month) = 7),
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'approved', 'locked')),
        computed_at TEXT NOT NULL,
        prepared_by TEXT NOT NULL DEFAULT '',
        reviewed_by TEXT NOT NULL DEFAULT '',
        approved_by TEXT NOT NULL DEFAULT '',
        locked_at TEXT,
        stipend_fen INTEGER NOT NULL DEFAULT 0,
        subsidy_fen INTEGER NOT NULL DEFAULT 0,
        adjustment_fen INTEGER NOT NULL DEFAULT 0,
        total_fen INTEGER NOT NULL DEFAULT 0,
        lock_hash TEXT""")
    db.execute("CREATE UNIQUE INDEX payrolls_month ON payrolls(village_id, month) WHERE deleted_at IS NULL")
    # One line per worker paid that month; names and counts are snapshots, so a locked month reads the same.
    create_synced_table(db, "payroll_lines", """
        payroll_id TEXT NOT NULL REFERENCES payrolls(id),
        line_no INTEGER NOT NULL,
        worker_id TEXT NOT NULL REFERENCES workers(id),
        worker_name TEXT NOT NULL,
        grid_names TEXT NOT NULL DEFAULT '',
        residents INTEGER,
        stipend_fen INTEGER NOT NULL DEFAULT 0,
        stipend_detail TEXT NOT NULL DEFAULT '',
        subsidy_days INTEGER NOT NULL DEFAULT 0,
        subsidy_fen INTEGER NOT NULL DEFAULT 0,
        adjustment_fen INTEGER NOT NULL DEFAULT 0,
        adjustment_detail TEXT NOT NULL DEFAULT '',
        total_fen INTEGER NOT NULL""")
    db.execute("CREATE INDEX payroll_lines_payroll ON payroll_lines(payroll_id)")
    # Which emergency service days a payroll paid, at which rate: a day is paid once.
    create_synced_table(db, "payroll_paid_days", """
        payroll_id TEXT NOT NULL REFERENCES payrolls(id),
        service_day_id TEXT NOT NULL REFERENCES emergency_service_days(id),
        worker_id TEXT NOT NULL REFERENCES workers(id),
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        rate_fen INTEGER NOT NULL,
        late INTEGER NOT NULL DEFAULT 0""")
    db.execute("CREATE INDEX payroll_paid_days_payroll ON payroll_paid_days(payroll_id)")
    db.execute("CREATE INDEX payroll_paid_days_day ON payroll_paid_days(service_day_id)")
    # Corrections to an earlier (locked) month, paid in a later month's payroll.
    create_synced_table(db, "payroll_adjustments", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        month TEXT NOT NULL CHECK (length(month) = 7),
        worker_id TEXT NOT NULL REFERENCES workers(id),
        corrects_month TEXT NOT NULL CHECK (length(corrects_month) = 7),
        category TEXT NOT NULL CHECK (category IN ('stipend', 'subsidy')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen != 0),
        reason TEXT NOT NULL""", "CHECK (corrects_month < month)")
    db.execute("CREATE INDEX payroll_adjustments_month ON payroll_adjustments(village_id, month)")

    # A locked month never changes: refuse any real change to a locked payroll or its lines
    # (not while a sync package is being imported: capture off, the sender already checked).
    live = "(SELECT capture FROM sync_state WHERE id = 1) = 1"
    db.execute(f"""CREATE TRIGGER payrolls__locked BEFORE UPDATE ON payrolls
        WHEN {live} AND OLD.status = 'locked' AND (NEW.status IS NOT OLD.status OR NEW.total_fen IS NOT OLD.total_fen
             OR NEW.stipend_fen IS NOT OLD.stipend_fen OR NEW.subsidy_fen IS NOT OLD.subsidy_fen
             OR NEW.adjustment_fen IS NOT OLD.adjustment_fen OR NEW.deleted_at IS NOT OLD.deleted_at
             OR NEW.lock_hash IS NOT OLD.lock_hash)
        BEGIN SELECT RAISE(ABORT, '发放月份：该月发放表已锁定，不能修改'); END""")
    for table in ("payroll_lines", "payroll_paid_days"):
        db.execute(f"""CREATE TRIGGER {table}__locked BEFORE UPDATE ON {table}
            WHEN {live} AND (SELECT status FROM payrolls WHERE id = OLD.payroll_id) = 'locked'
             AND (NEW.deleted_at IS NOT OLD.deleted_at OR NEW.payroll_id IS NOT OLD.payroll_id
                  OR NEW.{'total_fen' if table == 'payroll_lines' else 'rate_fen'}
                     IS NOT OLD.{'total_fen' if table == 'payroll_lines' else 'rate_fen'})
            BEGIN SELECT RAISE(ABORT, '发放月份：该月发放表已锁定，不能修改'); END""")
        db.execute(f"""CREATE TRIGGER {table}__locked_insert BEFORE INSERT ON {table}
            WHEN {live} AND (SELECT status FROM payrolls WHERE id = NEW.payroll_id) = 'locked'
            BEGIN SELECT RAISE(ABORT, '发放月份：该月发放表已锁定，不能修改'); END""")
