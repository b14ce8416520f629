//! The one place that reads the wall clock. Rules take `today` as a parameter, so they can
//! be tested for any date; only the outer layers call these.

use chrono::{Local, NaiveDate, NaiveDateTime};

pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Local date and time (the generated-at time printed on reports).
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// Local time as text for the audit trail, to the second.
pub fn now_text() -> String {
    Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}
