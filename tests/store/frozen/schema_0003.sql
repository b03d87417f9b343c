BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'villagedesk','0001_foundation','2026-11-30 00:00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'villagedesk','0002_people_core','2026-11-30 00:00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'villagedesk','0003_grids_workers','2026-11-30 00:00:00');
CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        tbl TEXT,
        row_id TEXT,
        detail TEXT NOT NULL DEFAULT '');
CREATE TABLE change_log (
        origin TEXT NOT NULL,
        seq INTEGER NOT NULL,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        payload TEXT NOT NULL,
        hlc TEXT NOT NULL,
        PRIMARY KEY (origin, seq)) WITHOUT ROWID;
CREATE TABLE emergency_service_days (
    id TEXT PRIMARY KEY NOT NULL,
    worker_id TEXT NOT NULL REFERENCES workers(id),
        day TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('flood', 'forest_fire', 'geological', 'house_fire', 'other')),
        emergency_id TEXT,
        source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'emergency')),
        notes TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE eval_rubric_items (
    id TEXT PRIMARY KEY NOT NULL,
    rubric_id TEXT NOT NULL REFERENCES eval_rubrics(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        weight REAL NOT NULL CHECK (weight > 0),
        max_score REAL NOT NULL CHECK (max_score > 0),
        indicator TEXT,
        target_per_month REAL CHECK (target_per_month IS NULL OR target_per_month > 0),
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE eval_rubrics (
    id TEXT PRIMARY KEY NOT NULL,
    village_id TEXT NOT NULL REFERENCES villages(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        name TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE evaluation_scores (
    id TEXT PRIMARY KEY NOT NULL,
    evaluation_id TEXT NOT NULL REFERENCES evaluations(id),
        item_id TEXT NOT NULL REFERENCES eval_rubric_items(id),
        score REAL NOT NULL CHECK (score >= 0),
        indicator_value REAL,
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE evaluations (
    id TEXT PRIMARY KEY NOT NULL,
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
        evaluator TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    CHECK ((outcome = 'replace') = (replace_reason IS NOT NULL))
);
CREATE TABLE grid_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    grid_id TEXT NOT NULL REFERENCES grids(id),
        worker_id TEXT NOT NULL REFERENCES workers(id),
        role TEXT NOT NULL DEFAULT 'primary' CHECK (role IN ('primary', 'deputy')),
        start_date TEXT NOT NULL,
        end_date TEXT,
        reason TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE TABLE grids (
    id TEXT PRIMARY KEY NOT NULL,
    village_id TEXT NOT NULL REFERENCES villages(id),
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        natural_unit TEXT NOT NULL DEFAULT '湾' CHECK (natural_unit IN ('湾', '沟', '院', '组', '其他')),
        area_km2 REAL CHECK (area_km2 IS NULL OR area_km2 > 0),
        bounds TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
        retired_on TEXT,
        retired_reason TEXT,
        manual_households INTEGER,
        manual_residents INTEGER,
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE households (
    id TEXT PRIMARY KEY NOT NULL,
    grid_id TEXT NOT NULL REFERENCES grids(id),
        head_resident_id TEXT REFERENCES residents(id) DEFERRABLE INITIALLY DEFERRED,
        hamlet TEXT NOT NULL DEFAULT '',
        group_name TEXT NOT NULL DEFAULT '',
        house_number TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active'
            CHECK (status IN ('active', 'moved_away', 'merged', 'dissolved')),
        status_reason TEXT NOT NULL DEFAULT '',
        status_date TEXT,
        notes TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE node_history (
        node_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE node_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        node_id TEXT NOT NULL,
        token TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'village' CHECK (role IN ('village', 'township', 'district')),
        created_at TEXT NOT NULL);
CREATE TABLE payroll_adjustments (
    id TEXT PRIMARY KEY NOT NULL,
    village_id TEXT NOT NULL REFERENCES villages(id),
        month TEXT NOT NULL CHECK (length(month) = 7),
        worker_id TEXT NOT NULL REFERENCES workers(id),
        corrects_month TEXT NOT NULL CHECK (length(corrects_month) = 7),
        category TEXT NOT NULL CHECK (category IN ('stipend', 'subsidy')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen != 0),
        reason TEXT NOT NULL,
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    CHECK (corrects_month < month)
);
CREATE TABLE payroll_lines (
    id TEXT PRIMARY KEY NOT NULL,
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
        total_fen INTEGER NOT NULL,
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE payroll_paid_days (
    id TEXT PRIMARY KEY NOT NULL,
    payroll_id TEXT NOT NULL REFERENCES payrolls(id),
        service_day_id TEXT NOT NULL REFERENCES emergency_service_days(id),
        worker_id TEXT NOT NULL REFERENCES workers(id),
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        rate_fen INTEGER NOT NULL,
        late INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE payrolls (
    id TEXT PRIMARY KEY NOT NULL,
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
        lock_hash TEXT,
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE reserve_cadres (
    id TEXT PRIMARY KEY NOT NULL,
    worker_id TEXT NOT NULL REFERENCES workers(id),
        admitted_on TEXT NOT NULL,
        reason TEXT NOT NULL,
        left_on TEXT,
        left_reason TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    CHECK (left_on IS NULL OR left_on >= admitted_on)
);
CREATE TABLE resident_categories (
    id TEXT PRIMARY KEY NOT NULL,
    resident_id TEXT NOT NULL REFERENCES residents(id),
        category TEXT NOT NULL CHECK (category IN ('elderly_alone', 'left_behind_child', 'disabled',
            'subsistence', 'extreme_poverty', 'relapse_monitoring', 'serious_illness')),
        since TEXT,
        until TEXT,
        notes TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE residents (
    id TEXT PRIMARY KEY NOT NULL,
    household_id TEXT NOT NULL REFERENCES households(id) DEFERRABLE INITIALLY DEFERRED,
        name TEXT NOT NULL,
        id_number TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('男', '女')),
        birth_date TEXT NOT NULL,
        relation TEXT NOT NULL DEFAULT '户主',
        phone TEXT NOT NULL DEFAULT '',
        residence_status TEXT NOT NULL DEFAULT 'living'
            CHECK (residence_status IN ('living', 'working_away', 'moved_out', 'deceased')),
        party_member INTEGER NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE stipend_tier_tables (
    id TEXT PRIMARY KEY NOT NULL,
    village_id TEXT NOT NULL REFERENCES villages(id),
        effective_from TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE stipend_tiers (
    id TEXT PRIMARY KEY NOT NULL,
    table_id TEXT NOT NULL REFERENCES stipend_tier_tables(id),
        min_residents INTEGER NOT NULL CHECK (min_residents >= 0),
        max_residents INTEGER,
        amount_fen INTEGER NOT NULL CHECK (amount_fen BETWEEN 5000 AND 15000),
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    CHECK (max_residents IS NULL OR max_residents >= min_residents)
);
CREATE TABLE subsidy_rates (
    id TEXT PRIMARY KEY NOT NULL,
    village_id TEXT NOT NULL REFERENCES villages(id),
        kind TEXT NOT NULL CHECK (kind IN ('flood', 'forest_fire', 'geological', 'house_fire', 'other')),
        effective_from TEXT NOT NULL,
        rate_fen INTEGER NOT NULL CHECK (rate_fen BETWEEN 5000 AND 8000),
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        capture INTEGER NOT NULL DEFAULT 1);
INSERT INTO "sync_state" VALUES(1,1);
CREATE TABLE synced_tables (name TEXT PRIMARY KEY);
INSERT INTO "synced_tables" VALUES('villages');
INSERT INTO "synced_tables" VALUES('users');
INSERT INTO "synced_tables" VALUES('grids');
INSERT INTO "synced_tables" VALUES('households');
INSERT INTO "synced_tables" VALUES('residents');
INSERT INTO "synced_tables" VALUES('workers');
INSERT INTO "synced_tables" VALUES('grid_assignments');
INSERT INTO "synced_tables" VALUES('resident_categories');
INSERT INTO "synced_tables" VALUES('emergency_service_days');
INSERT INTO "synced_tables" VALUES('eval_rubrics');
INSERT INTO "synced_tables" VALUES('eval_rubric_items');
INSERT INTO "synced_tables" VALUES('evaluations');
INSERT INTO "synced_tables" VALUES('evaluation_scores');
INSERT INTO "synced_tables" VALUES('reserve_cadres');
INSERT INTO "synced_tables" VALUES('trainings');
INSERT INTO "synced_tables" VALUES('training_attendance');
INSERT INTO "synced_tables" VALUES('stipend_tier_tables');
INSERT INTO "synced_tables" VALUES('stipend_tiers');
INSERT INTO "synced_tables" VALUES('subsidy_rates');
INSERT INTO "synced_tables" VALUES('payrolls');
INSERT INTO "synced_tables" VALUES('payroll_lines');
INSERT INTO "synced_tables" VALUES('payroll_paid_days');
INSERT INTO "synced_tables" VALUES('payroll_adjustments');
CREATE TABLE training_attendance (
    id TEXT PRIMARY KEY NOT NULL,
    training_id TEXT NOT NULL REFERENCES trainings(id),
        worker_id TEXT NOT NULL REFERENCES workers(id),
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE trainings (
    id TEXT PRIMARY KEY NOT NULL,
    village_id TEXT NOT NULL REFERENCES villages(id),
        held_on TEXT NOT NULL,
        topic TEXT NOT NULL,
        hours REAL NOT NULL CHECK (hours > 0),
        trainer TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    village_id TEXT REFERENCES villages(id),
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'clerk' CHECK (role IN ('admin', 'secretary', 'clerk', 'worker')),
        active INTEGER NOT NULL DEFAULT 1,
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE villages (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE CHECK (length(code) = 12),
        name TEXT NOT NULL,
        township_name TEXT NOT NULL,
        township_code TEXT NOT NULL,
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE workers (
    id TEXT PRIMARY KEY NOT NULL,
    village_id TEXT NOT NULL REFERENCES villages(id),
        resident_id TEXT REFERENCES residents(id),
        name TEXT NOT NULL,
        id_number TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('男', '女')),
        birth_date TEXT NOT NULL,
        phone TEXT NOT NULL DEFAULT '',
        party_member INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL CHECK (source IN ('cadre', 'auxiliary', 'volunteer')),
        education TEXT NOT NULL DEFAULT '',
        appointed_on TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'resting', 'replaced', 'left')),
        status_reason TEXT NOT NULL DEFAULT '',
        status_date TEXT,
        notes TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER villages__log_insert AFTER INSERT ON villages
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'villages', NEW.id, 'insert', json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'township_name', NEW.township_name, 'township_code', NEW.township_code, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER villages__log_update AFTER UPDATE ON villages
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'villages', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'township_name', NEW.township_name, 'township_code', NEW.township_code, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER villages__log_no_delete BEFORE DELETE ON villages
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（villages）'); END;
CREATE TRIGGER users__log_insert AFTER INSERT ON users
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'users', NEW.id, 'insert', json_object('id', NEW.id, 'village_id', NEW.village_id, 'name', NEW.name, 'role', NEW.role, 'active', NEW.active, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER users__log_update AFTER UPDATE ON users
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'users', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'village_id', NEW.village_id, 'name', NEW.name, 'role', NEW.role, 'active', NEW.active, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER users__log_no_delete BEFORE DELETE ON users
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（users）'); END;
CREATE TRIGGER grids__log_insert AFTER INSERT ON grids
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'grids', NEW.id, 'insert', json_object('id', NEW.id, 'village_id', NEW.village_id, 'code', NEW.code, 'name', NEW.name, 'natural_unit', NEW.natural_unit, 'area_km2', NEW.area_km2, 'bounds', NEW.bounds, 'notes', NEW.notes, 'status', NEW.status, 'retired_on', NEW.retired_on, 'retired_reason', NEW.retired_reason, 'manual_households', NEW.manual_households, 'manual_residents', NEW.manual_residents, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER grids__log_update AFTER UPDATE ON grids
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'grids', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'village_id', NEW.village_id, 'code', NEW.code, 'name', NEW.name, 'natural_unit', NEW.natural_unit, 'area_km2', NEW.area_km2, 'bounds', NEW.bounds, 'notes', NEW.notes, 'status', NEW.status, 'retired_on', NEW.retired_on, 'retired_reason', NEW.retired_reason, 'manual_households', NEW.manual_households, 'manual_residents', NEW.manual_residents, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER grids__log_no_delete BEFORE DELETE ON grids
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（grids）'); END;
CREATE UNIQUE INDEX grids_village_code ON grids(village_id, code) WHERE deleted_at IS NULL;
CREATE TRIGGER households__log_insert AFTER INSERT ON households
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'households', NEW.id, 'insert', json_object('id', NEW.id, 'grid_id', NEW.grid_id, 'head_resident_id', NEW.head_resident_id, 'hamlet', NEW.hamlet, 'group_name', NEW.group_name, 'house_number', NEW.house_number, 'phone', NEW.phone, 'status', NEW.status, 'status_reason', NEW.status_reason, 'status_date', NEW.status_date, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER households__log_update AFTER UPDATE ON households
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'households', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'grid_id', NEW.grid_id, 'head_resident_id', NEW.head_resident_id, 'hamlet', NEW.hamlet, 'group_name', NEW.group_name, 'house_number', NEW.house_number, 'phone', NEW.phone, 'status', NEW.status, 'status_reason', NEW.status_reason, 'status_date', NEW.status_date, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER households__log_no_delete BEFORE DELETE ON households
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（households）'); END;
CREATE INDEX households_grid ON households(grid_id);
CREATE TRIGGER residents__log_insert AFTER INSERT ON residents
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'residents', NEW.id, 'insert', json_object('id', NEW.id, 'household_id', NEW.household_id, 'name', NEW.name, 'id_number', NEW.id_number, 'sex', NEW.sex, 'birth_date', NEW.birth_date, 'relation', NEW.relation, 'phone', NEW.phone, 'residence_status', NEW.residence_status, 'party_member', NEW.party_member, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER residents__log_update AFTER UPDATE ON residents
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'residents', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'household_id', NEW.household_id, 'name', NEW.name, 'id_number', NEW.id_number, 'sex', NEW.sex, 'birth_date', NEW.birth_date, 'relation', NEW.relation, 'phone', NEW.phone, 'residence_status', NEW.residence_status, 'party_member', NEW.party_member, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER residents__log_no_delete BEFORE DELETE ON residents
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（residents）'); END;
CREATE UNIQUE INDEX residents_id_number ON residents(id_number) WHERE deleted_at IS NULL;
CREATE INDEX residents_household ON residents(household_id);
CREATE TRIGGER workers__log_insert AFTER INSERT ON workers
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'workers', NEW.id, 'insert', json_object('id', NEW.id, 'village_id', NEW.village_id, 'resident_id', NEW.resident_id, 'name', NEW.name, 'id_number', NEW.id_number, 'sex', NEW.sex, 'birth_date', NEW.birth_date, 'phone', NEW.phone, 'party_member', NEW.party_member, 'source', NEW.source, 'education', NEW.education, 'appointed_on', NEW.appointed_on, 'status', NEW.status, 'status_reason', NEW.status_reason, 'status_date', NEW.status_date, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER workers__log_update AFTER UPDATE ON workers
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'workers', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'village_id', NEW.village_id, 'resident_id', NEW.resident_id, 'name', NEW.name, 'id_number', NEW.id_number, 'sex', NEW.sex, 'birth_date', NEW.birth_date, 'phone', NEW.phone, 'party_member', NEW.party_member, 'source', NEW.source, 'education', NEW.education, 'appointed_on', NEW.appointed_on, 'status', NEW.status, 'status_reason', NEW.status_reason, 'status_date', NEW.status_date, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER workers__log_no_delete BEFORE DELETE ON workers
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（workers）'); END;
CREATE UNIQUE INDEX workers_id_number ON workers(village_id, id_number) WHERE deleted_at IS NULL;
CREATE TRIGGER grid_assignments__log_insert AFTER INSERT ON grid_assignments
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'grid_assignments', NEW.id, 'insert', json_object('id', NEW.id, 'grid_id', NEW.grid_id, 'worker_id', NEW.worker_id, 'role', NEW.role, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'reason', NEW.reason, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER grid_assignments__log_update AFTER UPDATE ON grid_assignments
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'grid_assignments', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'grid_id', NEW.grid_id, 'worker_id', NEW.worker_id, 'role', NEW.role, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'reason', NEW.reason, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER grid_assignments__log_no_delete BEFORE DELETE ON grid_assignments
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（grid_assignments）'); END;
CREATE UNIQUE INDEX grid_assignments_one_primary ON grid_assignments(grid_id)
                  WHERE role = 'primary' AND end_date IS NULL AND deleted_at IS NULL;
CREATE INDEX grid_assignments_worker ON grid_assignments(worker_id);
CREATE TRIGGER resident_categories__log_insert AFTER INSERT ON resident_categories
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'resident_categories', NEW.id, 'insert', json_object('id', NEW.id, 'resident_id', NEW.resident_id, 'category', NEW.category, 'since', NEW.since, 'until', NEW.until, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER resident_categories__log_update AFTER UPDATE ON resident_categories
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'resident_categories', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'resident_id', NEW.resident_id, 'category', NEW.category, 'since', NEW.since, 'until', NEW.until, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER resident_categories__log_no_delete BEFORE DELETE ON resident_categories
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（resident_categories）'); END;
CREATE UNIQUE INDEX resident_categories_current ON resident_categories(resident_id, category)
                  WHERE until IS NULL AND deleted_at IS NULL;
CREATE INDEX resident_categories_category ON resident_categories(category);
CREATE TRIGGER emergency_service_days__log_insert AFTER INSERT ON emergency_service_days
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'emergency_service_days', NEW.id, 'insert', json_object('id', NEW.id, 'worker_id', NEW.worker_id, 'day', NEW.day, 'kind', NEW.kind, 'emergency_id', NEW.emergency_id, 'source', NEW.source, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER emergency_service_days__log_update AFTER UPDATE ON emergency_service_days
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'emergency_service_days', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'worker_id', NEW.worker_id, 'day', NEW.day, 'kind', NEW.kind, 'emergency_id', NEW.emergency_id, 'source', NEW.source, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER emergency_service_days__log_no_delete BEFORE DELETE ON emergency_service_days
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（emergency_service_days）'); END;
CREATE UNIQUE INDEX emergency_service_days_once ON emergency_service_days(worker_id, day)
                  WHERE deleted_at IS NULL;
CREATE TRIGGER eval_rubrics__log_insert AFTER INSERT ON eval_rubrics
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'eval_rubrics', NEW.id, 'insert', json_object('id', NEW.id, 'village_id', NEW.village_id, 'version', NEW.version, 'name', NEW.name, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER eval_rubrics__log_update AFTER UPDATE ON eval_rubrics
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'eval_rubrics', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'village_id', NEW.village_id, 'version', NEW.version, 'name', NEW.name, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER eval_rubrics__log_no_delete BEFORE DELETE ON eval_rubrics
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（eval_rubrics）'); END;
CREATE UNIQUE INDEX eval_rubrics_version ON eval_rubrics(village_id, version) WHERE deleted_at IS NULL;
CREATE TRIGGER eval_rubric_items__log_insert AFTER INSERT ON eval_rubric_items
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'eval_rubric_items', NEW.id, 'insert', json_object('id', NEW.id, 'rubric_id', NEW.rubric_id, 'position', NEW.position, 'name', NEW.name, 'weight', NEW.weight, 'max_score', NEW.max_score, 'indicator', NEW.indicator, 'target_per_month', NEW.target_per_month, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER eval_rubric_items__log_update AFTER UPDATE ON eval_rubric_items
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'eval_rubric_items', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'rubric_id', NEW.rubric_id, 'position', NEW.position, 'name', NEW.name, 'weight', NEW.weight, 'max_score', NEW.max_score, 'indicator', NEW.indicator, 'target_per_month', NEW.target_per_month, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER eval_rubric_items__log_no_delete BEFORE DELETE ON eval_rubric_items
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（eval_rubric_items）'); END;
CREATE INDEX eval_rubric_items_rubric ON eval_rubric_items(rubric_id);
CREATE TRIGGER evaluations__log_insert AFTER INSERT ON evaluations
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'evaluations', NEW.id, 'insert', json_object('id', NEW.id, 'worker_id', NEW.worker_id, 'grid_id', NEW.grid_id, 'rubric_id', NEW.rubric_id, 'period', NEW.period, 'period_start', NEW.period_start, 'period_end', NEW.period_end, 'evaluated_on', NEW.evaluated_on, 'total_score', NEW.total_score, 'outcome', NEW.outcome, 'replace_reason', NEW.replace_reason, 'reason', NEW.reason, 'entered_by', NEW.entered_by, 'evaluator', NEW.evaluator, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER evaluations__log_update AFTER UPDATE ON evaluations
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'evaluations', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'worker_id', NEW.worker_id, 'grid_id', NEW.grid_id, 'rubric_id', NEW.rubric_id, 'period', NEW.period, 'period_start', NEW.period_start, 'period_end', NEW.period_end, 'evaluated_on', NEW.evaluated_on, 'total_score', NEW.total_score, 'outcome', NEW.outcome, 'replace_reason', NEW.replace_reason, 'reason', NEW.reason, 'entered_by', NEW.entered_by, 'evaluator', NEW.evaluator, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER evaluations__log_no_delete BEFORE DELETE ON evaluations
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（evaluations）'); END;
CREATE UNIQUE INDEX evaluations_once ON evaluations(worker_id, period) WHERE deleted_at IS NULL;
CREATE INDEX evaluations_period ON evaluations(period_start);
CREATE TRIGGER evaluation_scores__log_insert AFTER INSERT ON evaluation_scores
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'evaluation_scores', NEW.id, 'insert', json_object('id', NEW.id, 'evaluation_id', NEW.evaluation_id, 'item_id', NEW.item_id, 'score', NEW.score, 'indicator_value', NEW.indicator_value, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER evaluation_scores__log_update AFTER UPDATE ON evaluation_scores
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'evaluation_scores', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'evaluation_id', NEW.evaluation_id, 'item_id', NEW.item_id, 'score', NEW.score, 'indicator_value', NEW.indicator_value, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER evaluation_scores__log_no_delete BEFORE DELETE ON evaluation_scores
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（evaluation_scores）'); END;
CREATE INDEX evaluation_scores_evaluation ON evaluation_scores(evaluation_id);
CREATE TRIGGER reserve_cadres__log_insert AFTER INSERT ON reserve_cadres
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'reserve_cadres', NEW.id, 'insert', json_object('id', NEW.id, 'worker_id', NEW.worker_id, 'admitted_on', NEW.admitted_on, 'reason', NEW.reason, 'left_on', NEW.left_on, 'left_reason', NEW.left_reason, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER reserve_cadres__log_update AFTER UPDATE ON reserve_cadres
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'reserve_cadres', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'worker_id', NEW.worker_id, 'admitted_on', NEW.admitted_on, 'reason', NEW.reason, 'left_on', NEW.left_on, 'left_reason', NEW.left_reason, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER reserve_cadres__log_no_delete BEFORE DELETE ON reserve_cadres
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（reserve_cadres）'); END;
CREATE UNIQUE INDEX reserve_cadres_open ON reserve_cadres(worker_id) WHERE left_on IS NULL AND deleted_at IS NULL;
CREATE TRIGGER trainings__log_insert AFTER INSERT ON trainings
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'trainings', NEW.id, 'insert', json_object('id', NEW.id, 'village_id', NEW.village_id, 'held_on', NEW.held_on, 'topic', NEW.topic, 'hours', NEW.hours, 'trainer', NEW.trainer, 'place', NEW.place, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER trainings__log_update AFTER UPDATE ON trainings
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'trainings', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'village_id', NEW.village_id, 'held_on', NEW.held_on, 'topic', NEW.topic, 'hours', NEW.hours, 'trainer', NEW.trainer, 'place', NEW.place, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER trainings__log_no_delete BEFORE DELETE ON trainings
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（trainings）'); END;
CREATE INDEX trainings_held_on ON trainings(held_on);
CREATE TRIGGER training_attendance__log_insert AFTER INSERT ON training_attendance
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'training_attendance', NEW.id, 'insert', json_object('id', NEW.id, 'training_id', NEW.training_id, 'worker_id', NEW.worker_id, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER training_attendance__log_update AFTER UPDATE ON training_attendance
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'training_attendance', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'training_id', NEW.training_id, 'worker_id', NEW.worker_id, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER training_attendance__log_no_delete BEFORE DELETE ON training_attendance
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（training_attendance）'); END;
CREATE UNIQUE INDEX training_attendance_once ON training_attendance(training_id, worker_id) WHERE deleted_at IS NULL;
CREATE INDEX training_attendance_worker ON training_attendance(worker_id);
CREATE TRIGGER stipend_tier_tables__log_insert AFTER INSERT ON stipend_tier_tables
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'stipend_tier_tables', NEW.id, 'insert', json_object('id', NEW.id, 'village_id', NEW.village_id, 'effective_from', NEW.effective_from, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER stipend_tier_tables__log_update AFTER UPDATE ON stipend_tier_tables
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'stipend_tier_tables', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'village_id', NEW.village_id, 'effective_from', NEW.effective_from, 'notes', NEW.notes, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER stipend_tier_tables__log_no_delete BEFORE DELETE ON stipend_tier_tables
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（stipend_tier_tables）'); END;
CREATE UNIQUE INDEX stipend_tier_tables_from ON stipend_tier_tables(village_id, effective_from) WHERE deleted_at IS NULL;
CREATE TRIGGER stipend_tiers__log_insert AFTER INSERT ON stipend_tiers
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'stipend_tiers', NEW.id, 'insert', json_object('id', NEW.id, 'table_id', NEW.table_id, 'min_residents', NEW.min_residents, 'max_residents', NEW.max_residents, 'amount_fen', NEW.amount_fen, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER stipend_tiers__log_update AFTER UPDATE ON stipend_tiers
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'stipend_tiers', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'table_id', NEW.table_id, 'min_residents', NEW.min_residents, 'max_residents', NEW.max_residents, 'amount_fen', NEW.amount_fen, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER stipend_tiers__log_no_delete BEFORE DELETE ON stipend_tiers
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（stipend_tiers）'); END;
CREATE INDEX stipend_tiers_table ON stipend_tiers(table_id);
CREATE TRIGGER subsidy_rates__log_insert AFTER INSERT ON subsidy_rates
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'subsidy_rates', NEW.id, 'insert', json_object('id', NEW.id, 'village_id', NEW.village_id, 'kind', NEW.kind, 'effective_from', NEW.effective_from, 'rate_fen', NEW.rate_fen, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER subsidy_rates__log_update AFTER UPDATE ON subsidy_rates
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'subsidy_rates', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'village_id', NEW.village_id, 'kind', NEW.kind, 'effective_from', NEW.effective_from, 'rate_fen', NEW.rate_fen, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER subsidy_rates__log_no_delete BEFORE DELETE ON subsidy_rates
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（subsidy_rates）'); END;
CREATE UNIQUE INDEX subsidy_rates_from ON subsidy_rates(village_id, kind, effective_from) WHERE deleted_at IS NULL;
CREATE TRIGGER payrolls__log_insert AFTER INSERT ON payrolls
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'payrolls', NEW.id, 'insert', json_object('id', NEW.id, 'village_id', NEW.village_id, 'month', NEW.month, 'status', NEW.status, 'computed_at', NEW.computed_at, 'prepared_by', NEW.prepared_by, 'reviewed_by', NEW.reviewed_by, 'approved_by', NEW.approved_by, 'locked_at', NEW.locked_at, 'stipend_fen', NEW.stipend_fen, 'subsidy_fen', NEW.subsidy_fen, 'adjustment_fen', NEW.adjustment_fen, 'total_fen', NEW.total_fen, 'lock_hash', NEW.lock_hash, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER payrolls__log_update AFTER UPDATE ON payrolls
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'payrolls', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'village_id', NEW.village_id, 'month', NEW.month, 'status', NEW.status, 'computed_at', NEW.computed_at, 'prepared_by', NEW.prepared_by, 'reviewed_by', NEW.reviewed_by, 'approved_by', NEW.approved_by, 'locked_at', NEW.locked_at, 'stipend_fen', NEW.stipend_fen, 'subsidy_fen', NEW.subsidy_fen, 'adjustment_fen', NEW.adjustment_fen, 'total_fen', NEW.total_fen, 'lock_hash', NEW.lock_hash, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER payrolls__log_no_delete BEFORE DELETE ON payrolls
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（payrolls）'); END;
CREATE UNIQUE INDEX payrolls_month ON payrolls(village_id, month) WHERE deleted_at IS NULL;
CREATE TRIGGER payroll_lines__log_insert AFTER INSERT ON payroll_lines
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'payroll_lines', NEW.id, 'insert', json_object('id', NEW.id, 'payroll_id', NEW.payroll_id, 'line_no', NEW.line_no, 'worker_id', NEW.worker_id, 'worker_name', NEW.worker_name, 'grid_names', NEW.grid_names, 'residents', NEW.residents, 'stipend_fen', NEW.stipend_fen, 'stipend_detail', NEW.stipend_detail, 'subsidy_days', NEW.subsidy_days, 'subsidy_fen', NEW.subsidy_fen, 'adjustment_fen', NEW.adjustment_fen, 'adjustment_detail', NEW.adjustment_detail, 'total_fen', NEW.total_fen, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER payroll_lines__log_update AFTER UPDATE ON payroll_lines
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'payroll_lines', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'payroll_id', NEW.payroll_id, 'line_no', NEW.line_no, 'worker_id', NEW.worker_id, 'worker_name', NEW.worker_name, 'grid_names', NEW.grid_names, 'residents', NEW.residents, 'stipend_fen', NEW.stipend_fen, 'stipend_detail', NEW.stipend_detail, 'subsidy_days', NEW.subsidy_days, 'subsidy_fen', NEW.subsidy_fen, 'adjustment_fen', NEW.adjustment_fen, 'adjustment_detail', NEW.adjustment_detail, 'total_fen', NEW.total_fen, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER payroll_lines__log_no_delete BEFORE DELETE ON payroll_lines
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（payroll_lines）'); END;
CREATE INDEX payroll_lines_payroll ON payroll_lines(payroll_id);
CREATE TRIGGER payroll_paid_days__log_insert AFTER INSERT ON payroll_paid_days
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'payroll_paid_days', NEW.id, 'insert', json_object('id', NEW.id, 'payroll_id', NEW.payroll_id, 'service_day_id', NEW.service_day_id, 'worker_id', NEW.worker_id, 'day', NEW.day, 'kind', NEW.kind, 'rate_fen', NEW.rate_fen, 'late', NEW.late, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER payroll_paid_days__log_update AFTER UPDATE ON payroll_paid_days
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'payroll_paid_days', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'payroll_id', NEW.payroll_id, 'service_day_id', NEW.service_day_id, 'worker_id', NEW.worker_id, 'day', NEW.day, 'kind', NEW.kind, 'rate_fen', NEW.rate_fen, 'late', NEW.late, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER payroll_paid_days__log_no_delete BEFORE DELETE ON payroll_paid_days
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（payroll_paid_days）'); END;
CREATE INDEX payroll_paid_days_payroll ON payroll_paid_days(payroll_id);
CREATE INDEX payroll_paid_days_day ON payroll_paid_days(service_day_id);
CREATE TRIGGER payroll_adjustments__log_insert AFTER INSERT ON payroll_adjustments
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'payroll_adjustments', NEW.id, 'insert', json_object('id', NEW.id, 'village_id', NEW.village_id, 'month', NEW.month, 'worker_id', NEW.worker_id, 'corrects_month', NEW.corrects_month, 'category', NEW.category, 'amount_fen', NEW.amount_fen, 'reason', NEW.reason, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER payroll_adjustments__log_update AFTER UPDATE ON payroll_adjustments
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1
        BEGIN INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc)
        VALUES ((SELECT node_id FROM node_identity WHERE id = 1),
                (SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log
                  WHERE origin = (SELECT node_id FROM node_identity WHERE id = 1)),
                'payroll_adjustments', NEW.id, CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'delete' ELSE 'update' END, json_object('id', NEW.id, 'village_id', NEW.village_id, 'month', NEW.month, 'worker_id', NEW.worker_id, 'corrects_month', NEW.corrects_month, 'category', NEW.category, 'amount_fen', NEW.amount_fen, 'reason', NEW.reason, 'origin', NEW.origin, 'hlc', NEW.hlc, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'updated_by', NEW.updated_by, 'deleted_at', NEW.deleted_at), NEW.hlc); END;
CREATE TRIGGER payroll_adjustments__log_no_delete BEFORE DELETE ON payroll_adjustments
        BEGIN SELECT RAISE(ABORT, '记录不能物理删除，只能作废（payroll_adjustments）'); END;
CREATE INDEX payroll_adjustments_month ON payroll_adjustments(village_id, month);
CREATE TRIGGER payrolls__locked BEFORE UPDATE ON payrolls
        WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1 AND OLD.status = 'locked' AND (NEW.status IS NOT OLD.status OR NEW.total_fen IS NOT OLD.total_fen
             OR NEW.stipend_fen IS NOT OLD.stipend_fen OR NEW.subsidy_fen IS NOT OLD.subsidy_fen
             OR NEW.adjustment_fen IS NOT OLD.adjustment_fen OR NEW.deleted_at IS NOT OLD.deleted_at
             OR NEW.lock_hash IS NOT OLD.lock_hash)
        BEGIN SELECT RAISE(ABORT, '发放月份：该月发放表已锁定，不能修改'); END;
CREATE TRIGGER payroll_lines__locked BEFORE UPDATE ON payroll_lines
            WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1 AND (SELECT status FROM payrolls WHERE id = OLD.payroll_id) = 'locked'
             AND (NEW.deleted_at IS NOT OLD.deleted_at OR NEW.payroll_id IS NOT OLD.payroll_id
                  OR NEW.total_fen
                     IS NOT OLD.total_fen)
            BEGIN SELECT RAISE(ABORT, '发放月份：该月发放表已锁定，不能修改'); END;
CREATE TRIGGER payroll_lines__locked_insert BEFORE INSERT ON payroll_lines
            WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1 AND (SELECT status FROM payrolls WHERE id = NEW.payroll_id) = 'locked'
            BEGIN SELECT RAISE(ABORT, '发放月份：该月发放表已锁定，不能修改'); END;
CREATE TRIGGER payroll_paid_days__locked BEFORE UPDATE ON payroll_paid_days
            WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1 AND (SELECT status FROM payrolls WHERE id = OLD.payroll_id) = 'locked'
             AND (NEW.deleted_at IS NOT OLD.deleted_at OR NEW.payroll_id IS NOT OLD.payroll_id
                  OR NEW.rate_fen
                     IS NOT OLD.rate_fen)
            BEGIN SELECT RAISE(ABORT, '发放月份：该月发放表已锁定，不能修改'); END;
CREATE TRIGGER payroll_paid_days__locked_insert BEFORE INSERT ON payroll_paid_days
            WHEN (SELECT capture FROM sync_state WHERE id = 1) = 1 AND (SELECT status FROM payrolls WHERE id = NEW.payroll_id) = 'locked'
            BEGIN SELECT RAISE(ABORT, '发放月份：该月发放表已锁定，不能修改'); END;
DELETE FROM "sqlite_sequence";
COMMIT;
