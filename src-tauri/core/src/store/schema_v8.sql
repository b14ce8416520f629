-- 职业资格 whose 取得时间 is not known: rosters almost never carry certificate dates, and a
-- person's certificate is a fact worth having before its date is found. NULL means "held,
-- date not yet entered"; everything that uses the date says so instead of guessing (the
-- promotion run lists the person under 需核对 and does not count the certificate).
-- SQLite cannot drop a NOT NULL in place: the table is rebuilt with the same rows and ids.
CREATE TABLE certificates_v8 (
    id          INTEGER PRIMARY KEY,
    worker_id   INTEGER NOT NULL REFERENCES workers(id),
    kind        TEXT NOT NULL CHECK (kind IN ('助理社会工作师','社会工作师','高级社会工作师','其他职业技能等级')),
    title       TEXT,
    obtained_on TEXT CHECK (obtained_on IS NULL OR date(obtained_on) IS obtained_on),
    cert_no     TEXT,
    remarks     TEXT
) STRICT;

INSERT INTO certificates_v8 (id, worker_id, kind, title, obtained_on, cert_no, remarks)
SELECT id, worker_id, kind, title, obtained_on, cert_no, remarks FROM certificates;

DROP TABLE certificates;
ALTER TABLE certificates_v8 RENAME TO certificates;
CREATE INDEX certificates_worker ON certificates(worker_id);
