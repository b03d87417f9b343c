BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'villagedesk','0001_foundation','2026-11-30 00:00:00');
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
DELETE FROM "sqlite_sequence";
COMMIT;
