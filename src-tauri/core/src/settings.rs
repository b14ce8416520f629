//! The street office's own details (街道名称, 所属区县, 操作员 …), kept as key/value rows.

use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::error::{CoreError, Result};
use crate::kv;
use crate::text::clean_optional;
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// 街道(乡镇)名称
    pub street_name: String,
    /// 所属市/区县
    pub county: String,
    /// 当前操作员: written into the audit trail of every change.
    pub operator: String,
    /// 填报人 on reports
    pub preparer: String,
    /// 联系电话 on reports
    pub phone: String,
}

const KEYS: [(&str, &str); 5] = [
    ("street_name", "街道(乡镇)名称"),
    ("county", "所属市/区县"),
    (kv::OPERATOR, "当前操作员"),
    ("preparer", "填报人"),
    ("phone", "联系电话"),
];

// The operator is kept here but read by the audit trail, which owns its default.
pub use crate::audit::{operator, DEFAULT_OPERATOR};

pub fn get(conn: &Connection) -> Result<Settings> {
    Ok(Settings {
        street_name: kv::get(conn, "street_name")?,
        county: kv::get(conn, "county")?,
        operator: kv::get(conn, kv::OPERATOR)?,
        preparer: kv::get(conn, "preparer")?,
        phone: kv::get(conn, "phone")?,
    })
}

fn fields(s: &Settings) -> Fields {
    let v = |t: &str| (!t.is_empty()).then(|| t.to_string());
    vec![
        (KEYS[0].1, v(&s.street_name)),
        (KEYS[1].1, v(&s.county)),
        (KEYS[2].1, v(&s.operator)),
        (KEYS[3].1, v(&s.preparer)),
        (KEYS[4].1, v(&s.phone)),
    ]
}

/// A feature's rules kept as JSON under `key`: the defaults until a clerk saves others, or
/// when the stored text no longer parses (a hand-edited file).
pub(crate) fn rules<T: serde::de::DeserializeOwned + Default>(
    conn: &Connection,
    key: &str,
) -> Result<T> {
    Ok(kv::get(conn, key)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

/// Saves a feature's rules as JSON under `key`, audited as a settings change of the fields
/// the clerk sees (`old` -> `new`).
pub(crate) fn save_rules<T: Serialize>(
    tx: &Transaction,
    channel: &Channel,
    key: &str,
    summary: &str,
    rules: &T,
    old: &Fields,
    new: &Fields,
) -> Result<()> {
    let json = serde_json::to_string(rules)
        .map_err(|e| CoreError::validation("rules", format!("{summary}无法保存：{e}")))?;
    kv::put(tx, key, &json)?;
    audit_change(tx, channel, summary, Some(old), new)
}

/// A change to the ledger as a whole (settings, rules, a restore), on the audit trail.
pub(crate) fn audit_change(
    tx: &Transaction,
    channel: &Channel,
    summary: &str,
    old: Option<&Fields>,
    new: &Fields,
) -> Result<()> {
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Settings,
            entity_id: None,
            worker_id: None,
            action: Action::Update,
            summary,
            changes: audit::diff(old, Some(new)),
        },
    )
}

pub fn save(tx: &Transaction, channel: &Channel, input: &Settings) -> Result<Settings> {
    let clean = |t: &str| clean_optional(Some(t)).unwrap_or_default();
    let new = Settings {
        street_name: clean(&input.street_name),
        county: clean(&input.county),
        operator: clean(&input.operator),
        preparer: clean(&input.preparer),
        phone: crate::text::compact_ascii(&input.phone),
    };
    if new.street_name.chars().count() > 50 {
        return Err(CoreError::validation(
            "streetName",
            "街道(乡镇)名称不能超过 50 个字。",
        ));
    }
    if !new.phone.is_empty() && !new.phone.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(CoreError::validation(
            "phone",
            "联系电话只能包含数字和“-”，例如 0571-88001234 或 13800138000。",
        ));
    }
    let old = get(tx)?;
    let values = [
        &new.street_name,
        &new.county,
        &new.operator,
        &new.preparer,
        &new.phone,
    ];
    for ((key, _), value) in KEYS.iter().zip(values) {
        kv::put(tx, key, value)?;
    }
    audit_change(tx, channel, "街道设置", Some(&fields(&old)), &fields(&new))?;
    Ok(new)
}
