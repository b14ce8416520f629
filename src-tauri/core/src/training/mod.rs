//! Training (培训, 第6条/第8条): classes the street records with their attendees, single
//! trainings a person took elsewhere, and the cadence rules that say who is overdue.
//!
//! - `classes`: 培训班次 and their attendance, added in bulk (all or nothing);
//! - `external`: one person's training taken elsewhere;
//! - `cadence`: the rules (parameters kept in settings) and each person's status as of a date;
//! - `stats`: a year's figures, coverage and the overdue list.
//!
//! 学时 are stored as INTEGER tenths of an hour and travel as numbers with one decimal.

mod cadence;
mod classes;
mod external;
mod stats;

pub use cadence::{cadence, cadence_for_worker, get_rules, save_rules, CadenceRow, CadenceRules};
pub use classes::{
    add_attendees, class_detail, create_class, delete_class, list_classes, remove_attendance,
    update_attendance, update_class, Attendance, AttendeeInput, ClassDetail, ClassInput,
    TrainingClass,
};
pub use external::{
    add_external, remove_external, worker_trainings, ExternalInput, ExternalTraining, TrainingEntry,
};
pub(crate) use stats::{completed_within, Completed};
pub use stats::{statistics, Coverage, TrainingBucket, TrainingStats};

use crate::error::{CoreError, Result};
use crate::vocab;
use rusqlite::{Connection, OptionalExtension};

/// The most hours one class or record may carry (a month-long residential course is ~200).
const MAX_TENTHS: i64 = 10_000;

/// Hours as typed (at most one decimal) to stored tenths.
pub(crate) fn hours_to_tenths(
    field: &str,
    label: &str,
    hours: f64,
    allow_zero: bool,
) -> Result<i64> {
    if !hours.is_finite() || hours < 0.0 {
        return Err(CoreError::validation(
            field,
            format!("{label}不能为负数，请填写如 8 或 2.5。"),
        ));
    }
    let scaled = hours * 10.0;
    let tenths = scaled.round();
    if (scaled - tenths).abs() > 1e-6 {
        return Err(CoreError::validation(
            field,
            format!("{label}最多保留一位小数，例如 2.5。"),
        ));
    }
    let tenths = tenths as i64;
    if tenths == 0 && !allow_zero {
        return Err(CoreError::validation(field, format!("{label}须大于 0。")));
    }
    if tenths > MAX_TENTHS {
        return Err(CoreError::validation(
            field,
            format!("{label}不能超过 {} 学时，请核对。", MAX_TENTHS / 10),
        ));
    }
    Ok(tenths)
}

pub(crate) fn tenths_to_hours(tenths: i64) -> f64 {
    tenths as f64 / 10.0
}

pub(crate) fn check_label(field: &str, label: &str, value: &str, list: &[&str]) -> Result<String> {
    let v = value.trim();
    if list.contains(&v) {
        Ok(v.to_string())
    } else {
        Err(CoreError::validation(
            field,
            format!("请从列表中选择{label}（{}）。", list.join("、")),
        ))
    }
}

pub(crate) fn check_kind_tier_mode(
    kind: &str,
    tier: &str,
    mode: &str,
) -> Result<(String, String, String)> {
    Ok((
        check_label("kind", "培训类型", kind, vocab::TRAINING_KINDS)?,
        check_label("tier", "培训层级", tier, vocab::TRAINING_TIERS)?,
        check_label("mode", "培训方式", mode, vocab::TRAINING_MODES)?,
    ))
}

/// What validation needs to know about a person referred to by id.
pub(crate) struct Person {
    pub name: String,
    pub hired_on: String,
    pub exit_date: Option<String>,
}

pub(crate) fn person(conn: &Connection, field: &str, id: i64) -> Result<Person> {
    conn.query_row(
        "SELECT w.name, w.hired_on, e.exit_date FROM workers w
         LEFT JOIN exits e ON e.worker_id = w.id WHERE w.id = ?1",
        [id],
        |r| {
            Ok(Person {
                name: r.get(0)?,
                hired_on: r.get(1)?,
                exit_date: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| {
        CoreError::validation(
            field,
            format!("找不到编号为 {id} 的人员，请刷新名单后重新选择。"),
        )
    })
}
