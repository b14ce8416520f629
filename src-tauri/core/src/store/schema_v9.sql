-- 晋级测算的写入记录: each confirmed promotion run and the grade records it wrote, so the
-- last run can be undone exactly (撤销本次写入) while nothing later depends on it. Records
-- written before this version (and by hand) have no run.
CREATE TABLE grade_runs (
    id          INTEGER PRIMARY KEY,
    as_of       TEXT NOT NULL CHECK (date(as_of) IS as_of),
    applied_at  TEXT NOT NULL,
    written     INTEGER NOT NULL CHECK (written >= 0),
    overridden  INTEGER NOT NULL CHECK (overridden >= 0),
    undone_at   TEXT
) STRICT;

ALTER TABLE grade_records ADD COLUMN run_id INTEGER REFERENCES grade_runs(id);
CREATE INDEX grade_records_run ON grade_records(run_id);
