//! Stage 3 of the preview: resolve the file's community names against the ledger.
//!
//! In: the parsed rows (each with its community as written, or its sheet's), the ledger's
//! communities and the clerk's options (choices per name, create the missing ones or not).
//! Out: one [`CommunityPlan`] per name as written (keyed by its normalised text): the same
//! name, a similar one, the clerk's choice, one to create (with core's suggested name), or
//! unknown / ambiguous; and, per row, the community it goes to or the reason it has none.

use super::cells::Parsed;
use super::header::{community_stem, ledger_community};
use super::sheets::SheetWork;
use super::values::key;
use super::{CommunityChoice, CommunityMatch, CommunityPlan, ImportField, ImportOptions};
use crate::communities::Community;
use crate::error::{CoreError, Result};
use crate::text;
use std::collections::BTreeMap;

/// The community a name as written becomes when the import creates it: the name itself when
/// it ends in 社区, else its stem and 社区 (和平社区居委会 -> 和平社区, 和平 -> 和平社区).
pub(super) fn suggested_name(raw: &str) -> String {
    let raw_key = key(raw);
    if raw_key.ends_with("社区") {
        raw_key
    } else {
        format!("{}社区", community_stem(raw))
    }
}

/// How each community name of the file resolves, keyed by its normalised text.
pub(super) fn resolve_communities(
    parsed: &[Parsed],
    ledger: &[Community],
    options: &ImportOptions,
) -> Result<BTreeMap<String, CommunityPlan>> {
    let mut counts: BTreeMap<String, (String, usize, Option<i64>)> = BTreeMap::new();
    for p in parsed {
        if let Some(raw) = &p.community_raw {
            let entry = counts
                .entry(key(raw))
                .or_insert_with(|| (raw.clone(), 0, None));
            entry.1 += 1;
            entry.2 = entry.2.or(p.population);
        }
    }
    let mut out = BTreeMap::new();
    for (k, (raw, rows, population)) in counts {
        let mut plan = CommunityPlan {
            suggested_name: suggested_name(&raw),
            raw,
            matched: CommunityMatch::Unknown,
            community: None,
            community_id: None,
            candidates: Vec::new(),
            rows,
            population,
        };
        if let Some(choice) = options.communities.iter().find(|c| key(&c.raw) == k) {
            apply_choice(&mut plan, choice, ledger)?;
        }
        if plan.community.is_none() {
            match_ledger(&mut plan, &k, ledger, options.create_communities);
        }
        out.insert(k, plan);
    }
    Ok(out)
}

fn found(plan: &mut CommunityPlan, matched: CommunityMatch, c: &Community) {
    plan.matched = matched;
    plan.community = Some(c.name.clone());
    plan.community_id = Some(c.id);
}

/// The clerk's choice for a name: a ledger community, or one to create (the ledger's when
/// it has that name already).
fn apply_choice(
    plan: &mut CommunityPlan,
    choice: &CommunityChoice,
    ledger: &[Community],
) -> Result<()> {
    if let Some(id) = choice.community_id {
        let c = ledger.iter().find(|c| c.id == id).ok_or_else(|| {
            CoreError::validation(
                "communities",
                format!(
                    "为“{}”选择的社区已不在台账中，请刷新后重新选择。",
                    text::excerpt(&plan.raw)
                ),
            )
        })?;
        found(plan, CommunityMatch::Chosen, c);
    } else if let Some(name) = choice
        .create_name
        .as_deref()
        .and_then(|n| text::clean_optional(Some(n)))
    {
        match ledger.iter().find(|c| key(&c.name) == key(&name)) {
            Some(c) => found(plan, CommunityMatch::Chosen, c),
            None => {
                plan.matched = CommunityMatch::Create;
                plan.community = Some(name);
            }
        }
    }
    Ok(())
}

/// The program's own match: the same name, a similar one, several candidates, or (when the
/// clerk allows it) one to create.
fn match_ledger(plan: &mut CommunityPlan, k: &str, ledger: &[Community], create: bool) {
    if let Some(c) = ledger.iter().find(|c| key(&c.name) == k) {
        found(plan, CommunityMatch::Exact, c);
    } else if let Some(c) = ledger_community(&plan.raw, ledger) {
        found(plan, CommunityMatch::Similar, c);
    } else {
        let stem = community_stem(&plan.raw);
        plan.candidates = ledger
            .iter()
            .filter(|c| community_stem(&c.name) == stem)
            .map(|c| c.name.clone())
            .collect();
        if !plan.candidates.is_empty() {
            plan.matched = CommunityMatch::Ambiguous;
        } else if create {
            plan.matched = CommunityMatch::Create;
            plan.community = Some(plan.suggested_name.clone());
        }
    }
}

/// The ledger community a row goes to.
pub(super) struct RowCommunity {
    /// None for a community the import creates.
    pub id: Option<i64>,
    pub name: String,
    pub creates: bool,
}

/// The community of one row, or the reason it has none (pushed to its errors). A person
/// already in the ledger keeps theirs when the row names none.
pub(super) fn row_community(
    p: &mut Parsed,
    work: &SheetWork,
    resolved: &BTreeMap<String, CommunityPlan>,
    ledger_names: &[&str],
    in_ledger: bool,
) -> Option<RowCommunity> {
    let plan = p
        .community_raw
        .as_ref()
        .and_then(|raw| resolved.get(&key(raw)));
    let problem = match plan {
        Some(r) => match (r.matched, &r.community) {
            (CommunityMatch::Create, Some(name)) => {
                return Some(RowCommunity {
                    id: None,
                    name: name.clone(),
                    creates: true,
                })
            }
            (_, Some(name)) => {
                return Some(RowCommunity {
                    id: r.community_id,
                    name: name.clone(),
                    creates: false,
                })
            }
            (CommunityMatch::Ambiguous, None) => ambiguous(r),
            _ => unknown(r, ledger_names),
        },
        None if !in_ledger => none_given(work),
        None => return None,
    };
    p.errors.push(work.issue(ImportField::Community, problem));
    None
}

fn ambiguous(r: &CommunityPlan) -> String {
    format!(
        "社区“{}”可能是{}，请在导入时选择对应的社区。",
        text::excerpt(&r.raw),
        r.candidates
            .iter()
            .map(|c| format!("“{c}”"))
            .collect::<Vec<_>>()
            .join("或")
    )
}

fn unknown(r: &CommunityPlan, ledger_names: &[&str]) -> String {
    format!(
        "社区“{}”不在台账中。请先在“社区”页面添加，或在导入时选择对应的已有社区，或勾选“创建台账中没有的社区”（命令行加 --create-communities）。台账中现有：{}。",
        text::excerpt(&r.raw),
        if ledger_names.is_empty() {
            "（还没有社区）".to_string()
        } else {
            ledger_names.join("、")
        }
    )
}

fn none_given(work: &SheetWork) -> String {
    if work.column(ImportField::Community).is_some() {
        "所在社区是空的，请补上。".to_string()
    } else {
        format!(
            "不知道所在社区：工作表“{}”没有“所在社区”列。请在导入时为这个工作表指定社区，或在文件中增加“所在社区”列。",
            work.sheet.name
        )
    }
}

#[cfg(test)]
mod tests {
    use super::suggested_name;

    #[test]
    fn suggested_names() {
        assert_eq!(suggested_name("和平社区"), "和平社区");
        assert_eq!(suggested_name("和平社区居委会"), "和平社区");
        assert_eq!(suggested_name("和平居民委员会"), "和平社区");
        assert_eq!(suggested_name("和平"), "和平社区");
        assert_eq!(suggested_name(" 和平 社区 "), "和平社区");
    }
}
