-- Version 1: street settings, communities, workers, certificates, exits and the audit trail.
-- Enumerations are CHECK constraints over the Chinese labels in vocab.rs (a test keeps them
-- in step); dates are ISO YYYY-MM-DD text, checked to be real dates.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE communities (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    code            TEXT,
    population      INTEGER NOT NULL CHECK (population >= 0),
    population_date TEXT CHECK (population_date IS NULL OR date(population_date) IS population_date),
    households      INTEGER CHECK (households IS NULL OR households >= 0),
    remarks         TEXT
) STRICT;

CREATE TABLE workers (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- Search key only (pinyin initials of name), rewritten with every change of name.
    name_initials        TEXT NOT NULL,
    id_number            TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
    -- Derived from the ID number (GB 11643), never typed.
    birth_date           TEXT GENERATED ALWAYS AS (
                             substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-' || substr(id_number, 13, 2)
                         ) VIRTUAL,
    gender               TEXT GENERATED ALWAYS AS (
                             CASE WHEN CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1 THEN '男' ELSE '女' END
                         ) VIRTUAL,
    ethnicity            TEXT NOT NULL CHECK (ethnicity IN ('汉族','蒙古族','回族','藏族','维吾尔族','苗族','彝族','壮族','布依族','朝鲜族','满族','侗族','瑶族','白族','土家族','哈尼族','哈萨克族','傣族','黎族','傈僳族','佤族','畲族','高山族','拉祜族','水族','东乡族','纳西族','景颇族','柯尔克孜族','土族','达斡尔族','仫佬族','羌族','布朗族','撒拉族','毛南族','仡佬族','锡伯族','阿昌族','普米族','塔吉克族','怒族','乌孜别克族','俄罗斯族','鄂温克族','德昂族','保安族','裕固族','京族','塔塔尔族','独龙族','鄂伦春族','赫哲族','门巴族','珞巴族','基诺族')),
    native_place         TEXT,
    phone                TEXT CHECK (phone IS NULL OR phone GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    political_status     TEXT NOT NULL CHECK (political_status IN ('中共党员','中共预备党员','共青团员','民主党派成员','无党派人士','群众')),
    party_joined_on      TEXT CHECK (party_joined_on IS NULL OR date(party_joined_on) IS party_joined_on),
    education            TEXT NOT NULL CHECK (education IN ('博士研究生','硕士研究生','大学本科','大学专科','中专/中技','高中','初中及以下')),
    full_time_education  INTEGER CHECK (full_time_education IN (0, 1)),
    school               TEXT,
    major                TEXT,
    social_work_major    INTEGER NOT NULL DEFAULT 0 CHECK (social_work_major IN (0, 1)),
    community_id         INTEGER NOT NULL REFERENCES communities(id),
    category             TEXT NOT NULL CHECK (category IN ('两委专职成员','社区专职工作人员','两委兼职成员','挂职干部')),
    position             TEXT NOT NULL CHECK (position IN ('书记','主任','书记兼主任','副书记','副主任','委员','专职工作人员')),
    post_detail          TEXT,
    source               TEXT CHECK (source IS NULL OR source IN ('高校毕业生','退役军人','社会工作专业人才','原网格员转聘','其他')),
    recruitment          TEXT CHECK (recruitment IS NULL OR recruitment IN ('公开招聘','选举产生','转聘','选派')),
    community_work_start TEXT CHECK (community_work_start IS NULL OR date(community_work_start) IS community_work_start),
    prior_service_months INTEGER NOT NULL DEFAULT 0 CHECK (prior_service_months >= 0),
    hired_on             TEXT NOT NULL CHECK (date(hired_on) IS hired_on),
    probation_end        TEXT CHECK (probation_end IS NULL OR date(probation_end) IS probation_end),
    remarks              TEXT,
    CHECK (probation_end IS NULL OR probation_end >= hired_on)
) STRICT;

CREATE INDEX workers_community ON workers(community_id);
CREATE INDEX workers_name ON workers(name_initials, name);
CREATE INDEX workers_birth ON workers(birth_date);

CREATE TABLE certificates (
    id          INTEGER PRIMARY KEY,
    worker_id   INTEGER NOT NULL REFERENCES workers(id),
    kind        TEXT NOT NULL CHECK (kind IN ('助理社会工作师','社会工作师','高级社会工作师','其他职业技能等级')),
    title       TEXT,
    obtained_on TEXT NOT NULL CHECK (date(obtained_on) IS obtained_on),
    cert_no     TEXT,
    remarks     TEXT
) STRICT;

CREATE INDEX certificates_worker ON certificates(worker_id);

-- At most one exit per worker: the record of a person who left stays, with date and reason.
CREATE TABLE exits (
    id        INTEGER PRIMARY KEY,
    worker_id INTEGER NOT NULL UNIQUE REFERENCES workers(id),
    exit_date TEXT NOT NULL CHECK (date(exit_date) IS exit_date),
    reason    TEXT NOT NULL CHECK (reason IN ('辞职','解聘','罢免','退休','调出','考录公务员','聘用为事业单位人员','死亡','其他')),
    remarks   TEXT
) STRICT;

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    source    TEXT NOT NULL,
    entity    TEXT NOT NULL CHECK (entity IN ('设置','社区','人员','职业资格','退出')),
    entity_id INTEGER,
    -- The person the change belongs to, so a worker's page can show all of its history.
    worker_id INTEGER,
    action    TEXT NOT NULL CHECK (action IN ('新增','修改','删除')),
    summary   TEXT NOT NULL,
    changes   TEXT NOT NULL CHECK (json_valid(changes))
) STRICT;

CREATE INDEX audit_worker ON audit_log(worker_id);
