-- Version 2: training (classes, attendance, training taken elsewhere) and care (check-ups,
-- holiday visits, care activities, difficulties). Same conventions as version 1: STRICT,
-- CHECK constraints over the labels in vocab.rs, ISO dates checked to be real dates.
-- Hours are INTEGER tenths of an hour (学时 2.5 = 25); money is INTEGER fen (分).

CREATE TABLE training_classes (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('初任培训','在职培训','专项工作培训','实践锻炼')),
    tier        TEXT NOT NULL CHECK (tier IN ('省级以上示范培训','市地级重点培训','县级骨干培训','街道(乡镇)全员培训')),
    organizer   TEXT,
    start_date  TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date    TEXT NOT NULL CHECK (date(end_date) IS end_date),
    hours_tenths INTEGER NOT NULL CHECK (hours_tenths > 0 AND hours_tenths <= 10000),
    mode        TEXT NOT NULL CHECK (mode IN ('线下','线上')),
    place       TEXT,
    remarks     TEXT,
    CHECK (end_date >= start_date)
) STRICT;

CREATE INDEX training_classes_end ON training_classes(end_date);

CREATE TABLE training_attendance (
    id           INTEGER PRIMARY KEY,
    class_id     INTEGER NOT NULL REFERENCES training_classes(id),
    worker_id    INTEGER NOT NULL REFERENCES workers(id),
    hours_tenths INTEGER NOT NULL CHECK (hours_tenths >= 0 AND hours_tenths <= 10000),
    result       TEXT NOT NULL CHECK (result IN ('结业','未结业','缺席')),
    remarks      TEXT,
    UNIQUE (class_id, worker_id)
) STRICT;

CREATE INDEX training_attendance_worker ON training_attendance(worker_id);

-- A single training a person took elsewhere (another street's class, a provincial course):
-- one row per person, with the facts of the class inline, counted as completed (结业).
CREATE TABLE training_external (
    id           INTEGER PRIMARY KEY,
    worker_id    INTEGER NOT NULL REFERENCES workers(id),
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind         TEXT NOT NULL CHECK (kind IN ('初任培训','在职培训','专项工作培训','实践锻炼')),
    tier         TEXT NOT NULL CHECK (tier IN ('省级以上示范培训','市地级重点培训','县级骨干培训','街道(乡镇)全员培训')),
    organizer    TEXT,
    start_date   TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date     TEXT NOT NULL CHECK (date(end_date) IS end_date),
    hours_tenths INTEGER NOT NULL CHECK (hours_tenths > 0 AND hours_tenths <= 10000),
    mode         TEXT NOT NULL CHECK (mode IN ('线下','线上')),
    remarks      TEXT,
    CHECK (end_date >= start_date)
) STRICT;

CREATE INDEX training_external_worker ON training_external(worker_id);

CREATE TABLE checkup_rounds (
    id          INTEGER PRIMARY KEY,
    checkup_date TEXT NOT NULL CHECK (date(checkup_date) IS checkup_date),
    institution TEXT NOT NULL CHECK (length(trim(institution)) > 0),
    remarks     TEXT
) STRICT;

CREATE INDEX checkup_rounds_date ON checkup_rounds(checkup_date);

-- Attendance only, and an optional 需关注 flag with a short note: no diagnoses are kept.
CREATE TABLE checkup_attendees (
    id              INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL REFERENCES checkup_rounds(id),
    worker_id       INTEGER NOT NULL REFERENCES workers(id),
    attended        INTEGER NOT NULL CHECK (attended IN (0, 1)),
    needs_attention INTEGER NOT NULL DEFAULT 0 CHECK (needs_attention IN (0, 1)),
    note            TEXT CHECK (note IS NULL OR length(note) <= 50),
    UNIQUE (round_id, worker_id)
) STRICT;

CREATE INDEX checkup_attendees_worker ON checkup_attendees(worker_id);

CREATE TABLE holiday_visits (
    id          INTEGER PRIMARY KEY,
    festival    TEXT NOT NULL CHECK (festival IN ('春节','元宵节','端午节','中秋节','国庆节','重阳节','其他')),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    visit_date  TEXT NOT NULL CHECK (date(visit_date) IS visit_date),
    worker_id   INTEGER NOT NULL REFERENCES workers(id),
    form        TEXT NOT NULL CHECK (form IN ('走访','慰问金','慰问品')),
    amount_fen  INTEGER CHECK (amount_fen IS NULL OR (amount_fen >= 0 AND amount_fen <= 10000000)),
    visited_by  TEXT,
    remarks     TEXT,
    UNIQUE (festival, year, worker_id, form)
) STRICT;

CREATE INDEX holiday_visits_year ON holiday_visits(year, festival);
CREATE INDEX holiday_visits_worker ON holiday_visits(worker_id);

CREATE TABLE care_activities (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    activity_date TEXT NOT NULL CHECK (date(activity_date) IS activity_date),
    place         TEXT,
    remarks       TEXT
) STRICT;

CREATE INDEX care_activities_date ON care_activities(activity_date);

CREATE TABLE care_participants (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES care_activities(id),
    worker_id   INTEGER NOT NULL REFERENCES workers(id),
    UNIQUE (activity_id, worker_id)
) STRICT;

CREATE INDEX care_participants_worker ON care_participants(worker_id);

CREATE TABLE difficulties (
    id          INTEGER PRIMARY KEY,
    worker_id   INTEGER NOT NULL REFERENCES workers(id),
    reported_on TEXT NOT NULL CHECK (date(reported_on) IS reported_on),
    category    TEXT NOT NULL CHECK (category IN ('生活','工作','健康','家庭','其他')),
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    status      TEXT NOT NULL CHECK (status IN ('待办理','办理中','已解决')),
    resolution  TEXT,
    resolved_on TEXT CHECK (resolved_on IS NULL OR date(resolved_on) IS resolved_on),
    CHECK ((status = '已解决') = (resolved_on IS NOT NULL)),
    CHECK (resolved_on IS NULL OR resolved_on >= reported_on)
) STRICT;

CREATE INDEX difficulties_worker ON difficulties(worker_id);
CREATE INDEX difficulties_status ON difficulties(status, reported_on);

-- The audit trail learns the new record kinds. SQLite cannot alter a CHECK, so the table is
-- rebuilt: every row is copied with its id, then the old table is replaced.
CREATE TABLE audit_log_v2 (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    source    TEXT NOT NULL,
    entity    TEXT NOT NULL CHECK (entity IN ('设置','社区','人员','职业资格','退出','培训班次','参训记录','个人培训','体检','走访慰问','关爱活动','困难诉求')),
    entity_id INTEGER,
    -- The person the change belongs to, so a worker's page can show all of its history.
    worker_id INTEGER,
    action    TEXT NOT NULL CHECK (action IN ('新增','修改','删除')),
    summary   TEXT NOT NULL,
    changes   TEXT NOT NULL CHECK (json_valid(changes))
) STRICT;

INSERT INTO audit_log_v2 (id, at, operator, source, entity, entity_id, worker_id, action, summary, changes)
    SELECT id, at, operator, source, entity, entity_id, worker_id, action, summary, changes FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v2 RENAME TO audit_log;
CREATE INDEX audit_worker ON audit_log(worker_id);
