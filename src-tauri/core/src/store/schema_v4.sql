-- Version 4 (foundation for dated person records): the exit reasons a labour contract and a
-- probation review end in, and the audit trail's new record kinds. Tables of the records
-- themselves come in the following versions.

-- 退出 learns 合同到期不续签 and 试用期不予录用 (rebuilt: SQLite cannot alter a CHECK).
CREATE TABLE exits_v4 (
    id        INTEGER PRIMARY KEY,
    worker_id INTEGER NOT NULL UNIQUE REFERENCES workers(id),
    exit_date TEXT NOT NULL CHECK (date(exit_date) IS exit_date),
    reason    TEXT NOT NULL CHECK (reason IN ('辞职','解聘','罢免','合同到期不续签','试用期不予录用','退休','调出','考录公务员','聘用为事业单位人员','死亡','其他')),
    remarks   TEXT
) STRICT;
INSERT INTO exits_v4 (id, worker_id, exit_date, reason, remarks)
    SELECT id, worker_id, exit_date, reason, remarks FROM exits;
DROP TABLE exits;
ALTER TABLE exits_v4 RENAME TO exits;

-- The audit trail learns the new record kinds (rebuilt as in versions 2 and 3).
CREATE TABLE audit_log_v4 (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    source    TEXT NOT NULL,
    entity    TEXT NOT NULL CHECK (entity IN ('设置','社区','人员','职业资格','退出','培训班次','参训记录','个人培训','体检','走访慰问','关爱活动','困难诉求','岗位等级方案','岗位等级','年度考核','薪酬标准','任职经历','学历经历','书记备案','劳动合同','试用期考核','借调')),
    entity_id INTEGER,
    worker_id INTEGER,
    action    TEXT NOT NULL CHECK (action IN ('新增','修改','删除')),
    summary   TEXT NOT NULL,
    changes   TEXT NOT NULL CHECK (json_valid(changes))
) STRICT;
INSERT INTO audit_log_v4 (id, at, operator, source, entity, entity_id, worker_id, action, summary, changes)
    SELECT id, at, operator, source, entity, entity_id, worker_id, action, summary, changes FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v4 RENAME TO audit_log;
CREATE INDEX audit_worker ON audit_log(worker_id);
