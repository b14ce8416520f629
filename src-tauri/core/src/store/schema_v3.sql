-- Version 3: the grade sequence (岗位等级序列, 第4条/第10条/第12条): grade schemes with their
-- post categories and 职务 mapping, dated grade records, annual assessments and salary
-- standards; the worker record learns service interruptions. Same conventions as before:
-- STRICT, CHECK constraints over the labels in vocab.rs, ISO dates checked to be real dates,
-- money as INTEGER fen (分), scores as INTEGER tenths.

-- 社区工作年限: months of interruption since 参加社区工作时间 (NULL = none), and the date
-- community work resumed after the latest interruption (NULL = never interrupted).
ALTER TABLE workers ADD COLUMN interruption_months INTEGER
    CHECK (interruption_months IS NULL OR (interruption_months > 0 AND interruption_months <= 600));
ALTER TABLE workers ADD COLUMN service_resumed_on TEXT
    CHECK (service_resumed_on IS NULL OR date(service_resumed_on) IS service_resumed_on);

-- A scheme is set by the province or city; a template (is_template = 1) is shipped to be
-- copied and adjusted, and is never in effect itself. A scheme in use has an effective date;
-- the one in effect on a date is the latest that has started.
CREATE TABLE grade_schemes (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    is_template    INTEGER NOT NULL DEFAULT 0 CHECK (is_template IN (0, 1)),
    effective_from TEXT CHECK (effective_from IS NULL OR date(effective_from) IS effective_from),
    remarks        TEXT,
    CHECK ((is_template = 1) = (effective_from IS NULL))
) STRICT;

CREATE UNIQUE INDEX grade_schemes_effective ON grade_schemes(effective_from) WHERE effective_from IS NOT NULL;

-- Post categories, highest post first (ordinal 0).
CREATE TABLE grade_categories (
    id        INTEGER PRIMARY KEY,
    scheme_id INTEGER NOT NULL REFERENCES grade_schemes(id),
    ordinal   INTEGER NOT NULL CHECK (ordinal >= 0),
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    min_level INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 99),
    max_level INTEGER NOT NULL CHECK (max_level BETWEEN 1 AND 99),
    CHECK (max_level >= min_level),
    UNIQUE (scheme_id, name),
    UNIQUE (scheme_id, ordinal)
) STRICT;

CREATE TABLE grade_position_map (
    scheme_id INTEGER NOT NULL REFERENCES grade_schemes(id),
    position  TEXT NOT NULL CHECK (position IN ('书记','主任','书记兼主任','副书记','副主任','委员','专职工作人员')),
    category  TEXT NOT NULL,
    PRIMARY KEY (scheme_id, position),
    FOREIGN KEY (scheme_id, category) REFERENCES grade_categories(scheme_id, name)
) STRICT;

-- A grade record keeps the scheme and the category name it was made under, so renaming a
-- category or a new scheme never rewrites history. The last six columns are the promotion
-- run's bookkeeping as of this record (see grades::proposal).
CREATE TABLE grade_records (
    id                 INTEGER PRIMARY KEY,
    worker_id          INTEGER NOT NULL REFERENCES workers(id),
    effective_date     TEXT NOT NULL CHECK (date(effective_date) IS effective_date),
    scheme_id          INTEGER NOT NULL REFERENCES grade_schemes(id),
    category           TEXT NOT NULL CHECK (length(trim(category)) > 0),
    level              INTEGER NOT NULL CHECK (level BETWEEN 1 AND 99),
    reason             TEXT NOT NULL CHECK (reason IN ('定级','年限晋升','职业水平提升','学历提升','岗位晋升','考核调整','手工调整')),
    note               TEXT,
    credited_years     INTEGER NOT NULL CHECK (credited_years >= 0),
    counted_through    INTEGER NOT NULL CHECK (counted_through BETWEEN 1900 AND 2100),
    excellent_streak   INTEGER NOT NULL CHECK (excellent_streak >= 0),
    early_levels       INTEGER NOT NULL CHECK (early_levels >= 0),
    certificate_levels INTEGER NOT NULL CHECK (certificate_levels >= 0),
    degree_years       INTEGER NOT NULL CHECK (degree_years >= 0)
) STRICT;

CREATE INDEX grade_records_worker ON grade_records(worker_id, effective_date, id);

-- 年度考核 (第10条): one result per worker and year; sub-scores are optional.
CREATE TABLE assessments (
    id                  INTEGER PRIMARY KEY,
    worker_id           INTEGER NOT NULL REFERENCES workers(id),
    year                INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    result              TEXT NOT NULL CHECK (result IN ('优秀','合格','基本合格','不合格')),
    political_tenths    INTEGER CHECK (political_tenths IS NULL OR political_tenths BETWEEN 0 AND 1000),
    performance_tenths  INTEGER CHECK (performance_tenths IS NULL OR performance_tenths BETWEEN 0 AND 1000),
    satisfaction_tenths INTEGER CHECK (satisfaction_tenths IS NULL OR satisfaction_tenths BETWEEN 0 AND 1000),
    remarks             TEXT,
    UNIQUE (worker_id, year)
) STRICT;

CREATE INDEX assessments_year ON assessments(year);

-- 岗位等级薪酬标准 (第12条): versions by effective date; a monthly amount per category name
-- and level. A new version never changes an older one.
CREATE TABLE salary_versions (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
    effective_from      TEXT NOT NULL UNIQUE CHECK (date(effective_from) IS effective_from),
    performance_percent INTEGER NOT NULL CHECK (performance_percent BETWEEN 0 AND 100),
    remarks             TEXT
) STRICT;

CREATE TABLE salary_amounts (
    version_id INTEGER NOT NULL REFERENCES salary_versions(id),
    category   TEXT NOT NULL CHECK (length(trim(category)) > 0),
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 99),
    amount_fen INTEGER NOT NULL CHECK (amount_fen BETWEEN 0 AND 100000000),
    PRIMARY KEY (version_id, category, level)
) STRICT;

-- The two shipped templates (common local practice; adjust to the local document).
INSERT INTO grade_schemes (id, name, is_template, remarks) VALUES
    (1, '三岗十八级（模板）', 1, '模板：常见的三岗十八级，请按本地文件调整后另存为方案并设定生效日期。'),
    (2, '四岗十八级（模板）', 1, '模板：正职、副职、专职委员、工作人员四类岗位，请按本地文件调整后另存为方案并设定生效日期。');
INSERT INTO grade_categories (scheme_id, ordinal, name, min_level, max_level) VALUES
    (1, 0, '正职', 7, 18), (1, 1, '副职', 4, 15), (1, 2, '其他社区工作者', 1, 12),
    (2, 0, '正职', 7, 18), (2, 1, '副职', 5, 16), (2, 2, '专职委员', 3, 14), (2, 3, '工作人员', 1, 12);
INSERT INTO grade_position_map (scheme_id, position, category) VALUES
    (1, '书记', '正职'), (1, '主任', '正职'), (1, '书记兼主任', '正职'),
    (1, '副书记', '副职'), (1, '副主任', '副职'),
    (1, '委员', '其他社区工作者'), (1, '专职工作人员', '其他社区工作者'),
    (2, '书记', '正职'), (2, '主任', '正职'), (2, '书记兼主任', '正职'),
    (2, '副书记', '副职'), (2, '副主任', '副职'),
    (2, '委员', '专职委员'), (2, '专职工作人员', '工作人员');

-- The audit trail learns the new record kinds (rebuilt as in version 2).
CREATE TABLE audit_log_v3 (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    source    TEXT NOT NULL,
    entity    TEXT NOT NULL CHECK (entity IN ('设置','社区','人员','职业资格','退出','培训班次','参训记录','个人培训','体检','走访慰问','关爱活动','困难诉求','岗位等级方案','岗位等级','年度考核','薪酬标准')),
    entity_id INTEGER,
    worker_id INTEGER,
    action    TEXT NOT NULL CHECK (action IN ('新增','修改','删除')),
    summary   TEXT NOT NULL,
    changes   TEXT NOT NULL CHECK (json_valid(changes))
) STRICT;

INSERT INTO audit_log_v3 (id, at, operator, source, entity, entity_id, worker_id, action, summary, changes)
    SELECT id, at, operator, source, entity, entity_id, worker_id, action, summary, changes FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v3 RENAME TO audit_log;
CREATE INDEX audit_worker ON audit_log(worker_id);
