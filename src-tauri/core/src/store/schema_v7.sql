-- 劳动合同 and 试用期考核 (第9、10条; 劳动合同法第十四、十九至二十一条). A renewal (续签) is a new
-- contract pointing at the one it follows (previous_id): nothing is overwritten, the chain is
-- the history. A contract ends by its term (end_on, its last day) or earlier by 终止/解除 on
-- ended_on, the same day as the person's exit (the first day no longer in post), with the
-- exit's reason. The law's limits on probation are checked by the program with the article
-- cited; the CHECKs below keep only what can never be right.
CREATE TABLE contracts (
    id               INTEGER PRIMARY KEY,
    worker_id        INTEGER NOT NULL REFERENCES workers(id),
    previous_id      INTEGER UNIQUE REFERENCES contracts(id),
    kind             TEXT NOT NULL CHECK (kind IN ('固定期限','无固定期限','劳务派遣')),
    signing_party    TEXT NOT NULL CHECK (length(trim(signing_party)) > 0),
    dispatch_company TEXT CHECK (dispatch_company IS NULL OR length(trim(dispatch_company)) > 0),
    start_on         TEXT NOT NULL CHECK (date(start_on) IS start_on),
    end_on           TEXT CHECK (end_on IS NULL OR (date(end_on) IS end_on AND end_on >= start_on)),
    probation_end    TEXT CHECK (probation_end IS NULL
                                 OR (date(probation_end) IS probation_end AND probation_end >= start_on
                                     AND (end_on IS NULL OR probation_end <= end_on))),
    ended_on         TEXT CHECK (ended_on IS NULL OR (date(ended_on) IS ended_on AND ended_on > start_on)),
    end_reason       TEXT CHECK (end_reason IS NULL OR end_reason IN ('辞职','解聘','罢免','合同到期不续签','试用期不予录用','退休','调出','考录公务员','聘用为事业单位人员','死亡','其他')),
    remarks          TEXT,
    CHECK ((kind = '无固定期限') = (end_on IS NULL)),
    CHECK ((kind = '劳务派遣') = (dispatch_company IS NOT NULL)),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL))
) STRICT;
CREATE INDEX contracts_worker ON contracts(worker_id, start_on);
CREATE INDEX contracts_end ON contracts(end_on);
-- The status of every person reads "a contract in probation on D?" (workers::status): only
-- contracts with a probation need looking at (20,000 statuses: 27 ms without it, 16 ms with).
CREATE INDEX contracts_probation ON contracts(worker_id, probation_end) WHERE probation_end IS NOT NULL;

-- 试用期考核 (试用期筛选): one outcome per contract with a probation. 不予录用 is an exit with
-- reason 试用期不予录用 dated the review, written in the same transaction.
CREATE TABLE probation_reviews (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL UNIQUE REFERENCES contracts(id),
    worker_id   INTEGER NOT NULL REFERENCES workers(id),
    reviewed_on TEXT NOT NULL CHECK (date(reviewed_on) IS reviewed_on),
    outcome     TEXT NOT NULL CHECK (outcome IN ('转正','不予录用')),
    remarks     TEXT
) STRICT;
CREATE INDEX probation_reviews_worker ON probation_reviews(worker_id);
