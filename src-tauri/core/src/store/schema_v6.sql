-- 借调登记 (第17条): a worker seconded (借调 / 抽调) out of the community for a while. The
-- person stays on the roster; being away on a date is derived from start_on and
-- returned_on. The county approval (批准单位, 文号, 批准日期) is all three or none: none is
-- a secondment 未经批准, flagged wherever it shows. A unit at county level or above is
-- refused by the program with the policy's sentence, and the CHECK does not allow it either.
CREATE TABLE secondments (
    id          INTEGER PRIMARY KEY,
    worker_id   INTEGER NOT NULL REFERENCES workers(id),
    kind        TEXT NOT NULL CHECK (kind IN ('借调','抽调')),
    unit        TEXT NOT NULL CHECK (length(trim(unit)) > 0),
    unit_level  TEXT NOT NULL CHECK (unit_level IN ('街道（乡镇）及所属单位')),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    start_on    TEXT NOT NULL CHECK (date(start_on) IS start_on),
    planned_end TEXT NOT NULL CHECK (date(planned_end) IS planned_end AND planned_end >= start_on),
    returned_on TEXT CHECK (returned_on IS NULL
                            OR (date(returned_on) IS returned_on AND returned_on >= start_on)),
    approved_by TEXT,
    approval_no TEXT,
    approved_on TEXT CHECK (approved_on IS NULL OR date(approved_on) IS approved_on),
    remarks     TEXT,
    CHECK ((approved_by IS NULL) = (approval_no IS NULL)
           AND (approval_no IS NULL) = (approved_on IS NULL))
) STRICT;
CREATE INDEX secondments_worker ON secondments(worker_id, start_on);
CREATE INDEX secondments_start ON secondments(start_on);
