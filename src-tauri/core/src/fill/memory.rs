//! The mapping of each form, remembered by its header for next quarter's copy.

use super::*;

/// Where remembered mappings are kept (settings table).
pub(super) const MEMORY_KEY: &str = "fill_forms";
/// Forms remembered at most; the least recently used are forgotten.
pub(super) const MEMORY_LIMIT: usize = 60;
/// The signature a form's mapping is remembered by: its normalised headers.
pub(super) fn signature(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| normalize_header(h))
        .collect::<Vec<_>>()
        .join("|")
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Remembered {
    pub(super) kind: RowKind,
    pub(super) columns: Vec<Option<String>>,
    pub(super) used: String,
}

pub(super) fn memory(conn: &Connection) -> Result<BTreeMap<String, Remembered>> {
    // A damaged value only loses the memory, never the fill.
    Ok(serde_json::from_str(&kv::get(conn, MEMORY_KEY)?).unwrap_or_default())
}

pub(super) fn remember(
    conn: &Connection,
    sig: String,
    kind: RowKind,
    columns: Vec<Option<String>>,
) -> Result<()> {
    let mut map = memory(conn)?;
    map.insert(
        sig,
        Remembered {
            kind,
            columns,
            used: crate::clock::now_text(),
        },
    );
    while map.len() > MEMORY_LIMIT {
        let oldest = map
            .iter()
            .min_by(|a, b| a.1.used.cmp(&b.1.used))
            .map(|(k, _)| k.clone());
        match oldest {
            Some(k) => map.remove(&k),
            None => break,
        };
    }
    let json = serde_json::to_string(&map).unwrap_or_else(|_| "{}".into());
    let tx = conn.unchecked_transaction()?;
    kv::put(&tx, MEMORY_KEY, &json)?;
    tx.commit()?;
    Ok(())
}
