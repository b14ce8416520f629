//! A worker's status (未入职, 试用期, 在岗, 已退出, 退休) is derived from dated records as of a
//! date, never typed. This SQL expression is the one definition: the roster, the detail
//! page, staffing and statistics all use it, with the as-of date bound as `:as_of` and the
//! worker's exit joined as `e`.

pub const STATUS_SQL: &str = "CASE
    WHEN e.exit_date IS NOT NULL AND e.exit_date <= :as_of
        THEN CASE WHEN e.reason = '退休' THEN '退休' ELSE '已退出' END
    WHEN w.hired_on > :as_of THEN '未入职'
    WHEN w.probation_end IS NOT NULL AND w.probation_end >= :as_of THEN '试用期'
    ELSE '在岗'
END";

/// Whole years of age as of `:as_of`, from the generated `birth_date` column.
pub const AGE_SQL: &str =
    "(CAST(strftime('%Y', :as_of) AS INTEGER) - CAST(substr(w.birth_date, 1, 4) AS INTEGER)
    - (strftime('%m-%d', :as_of) < substr(w.birth_date, 6, 5)))";

/// The statuses in which a person counts as in post (在岗人数, staffing, the report roster).
pub const IN_POST: &[&str] = &["试用期", "在岗"];
