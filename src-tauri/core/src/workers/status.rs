//! A worker's status (未入职, 试用期, 在岗, 已退出, 退休) is derived from dated records as of a
//! date, never typed. This SQL expression is the one definition: the roster, the detail
//! page, staffing and statistics all use it, with the as-of date bound as `:as_of` and the
//! worker's exit joined as `e`.
//!
//! 试用期 comes from the probation of the labour contract in force on the date (until its end,
//! or an earlier 转正); the person's own 试用期满日期 field counts only for someone without any
//! contract, so ledgers kept before contracts were recorded keep their probation.

use crate::vocab::WorkerStatus;

pub const STATUS_SQL: &str = "CASE
    WHEN e.exit_date IS NOT NULL AND e.exit_date <= :as_of
        THEN CASE WHEN e.reason = '退休' THEN '退休' ELSE '已退出' END
    WHEN w.hired_on > :as_of THEN '未入职'
    WHEN EXISTS (SELECT 1 FROM contracts k WHERE k.worker_id = w.id
            AND k.start_on <= :as_of AND k.probation_end >= :as_of
            AND (k.ended_on IS NULL OR k.ended_on > :as_of)
            AND NOT EXISTS (SELECT 1 FROM probation_reviews r
                WHERE r.contract_id = k.id AND r.outcome = '转正' AND r.reviewed_on <= :as_of))
        OR (w.probation_end IS NOT NULL AND w.probation_end >= :as_of
            AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.worker_id = w.id))
        THEN '试用期'
    ELSE '在岗'
END";

/// Whole years of age as of `:as_of`, from the generated `birth_date` column.
pub const AGE_SQL: &str =
    "(CAST(strftime('%Y', :as_of) AS INTEGER) - CAST(substr(w.birth_date, 1, 4) AS INTEGER)
    - (strftime('%m-%d', :as_of) < substr(w.birth_date, 6, 5)))";

/// The statuses in which a person counts as in post (在岗人数, staffing, the report roster).
pub const IN_POST: &[&str] = &WorkerStatus::labels_of(WorkerStatus::IN_POST);

/// `IN (…)` of the in-post statuses, for SQL that filters on [`STATUS_SQL`].
pub fn in_post_sql() -> String {
    WorkerStatus::sql_list(&WorkerStatus::IN_POST)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `STATUS_SQL` can yield (the literals after THEN and ELSE) is exactly the enum,
    /// so reading a status never meets an unknown label.
    #[test]
    fn status_sql_yields_exactly_the_enum() {
        let mut yielded: Vec<&str> = STATUS_SQL
            .split(['\n', ' '])
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|w| w[0] == "THEN" || w[0] == "ELSE")
            .map(|w| w[1].trim_matches('\''))
            .filter(|v| !v.is_empty() && *v != "CASE")
            .collect();
        yielded.sort_unstable();
        let mut labels = WorkerStatus::LABELS.to_vec();
        labels.sort_unstable();
        assert_eq!(yielded, labels);
    }
}
