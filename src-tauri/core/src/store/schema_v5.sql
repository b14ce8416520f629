-- Version 5: a person's record over time (任职经历). Each change of 所在社区, 人员类别, 职务
-- (and 具体岗位) is a dated record, each 学历 has its 取得时间, and a 书记's filing with the
-- county organisation department (书记备案) belongs to the post record that made them 书记.
-- The worker's own columns keep the newest values, so a query that needs no date reads them
-- as before; every question "as of D" reads these tables.

CREATE TABLE post_records (
    id           INTEGER PRIMARY KEY,
    worker_id    INTEGER NOT NULL REFERENCES workers(id),
    -- From this day the person holds this post (until the next record's day).
    effective_on TEXT NOT NULL CHECK (date(effective_on) IS effective_on),
    community_id INTEGER NOT NULL REFERENCES communities(id),
    category     TEXT NOT NULL CHECK (category IN ('两委专职成员','社区专职工作人员','两委兼职成员','挂职干部')),
    position     TEXT NOT NULL CHECK (position IN ('书记','主任','书记兼主任','副书记','副主任','委员','专职工作人员')),
    post_detail  TEXT,
    reason       TEXT NOT NULL CHECK (reason IN ('入职','选举','聘任','调整','交流')),
    doc_no       TEXT,
    remarks      TEXT,
    UNIQUE (worker_id, effective_on)
) STRICT;
CREATE INDEX post_records_community ON post_records(community_id);
-- "Is anything dated after D?" decides whether a query may read the workers' cached columns.
CREATE INDEX post_records_effective ON post_records(effective_on);

CREATE TABLE education_records (
    id                  INTEGER PRIMARY KEY,
    worker_id           INTEGER NOT NULL REFERENCES workers(id),
    -- 取得时间: from this day the person holds this 学历 as their highest.
    obtained_on         TEXT NOT NULL CHECK (date(obtained_on) IS obtained_on),
    education           TEXT NOT NULL CHECK (education IN ('博士研究生','硕士研究生','大学本科','大学专科','中专/中技','高中','初中及以下')),
    full_time_education INTEGER CHECK (full_time_education IN (0, 1)),
    school              TEXT,
    major               TEXT,
    remarks             TEXT,
    UNIQUE (worker_id, obtained_on)
) STRICT;
CREATE INDEX education_records_obtained ON education_records(obtained_on);

CREATE TABLE secretary_filings (
    id             INTEGER PRIMARY KEY,
    worker_id      INTEGER NOT NULL REFERENCES workers(id),
    -- The record from which the person is 书记 (or 书记兼主任) of that community.
    post_record_id INTEGER NOT NULL UNIQUE REFERENCES post_records(id),
    filed_on       TEXT NOT NULL CHECK (date(filed_on) IS filed_on),
    filed_with     TEXT NOT NULL,
    doc_no         TEXT,
    remarks        TEXT
) STRICT;

-- Today's values become the first record of each person, dated from 入职时间.
INSERT INTO post_records (worker_id, effective_on, community_id, category, position, post_detail, reason)
    SELECT id, hired_on, community_id, category, position, post_detail, '入职' FROM workers;
INSERT INTO education_records (worker_id, obtained_on, education, full_time_education, school, major)
    SELECT id, hired_on, education, full_time_education, school, major FROM workers;
