//! Where a sheet's header is and which column holds which field.
//!
//! Rosters put title rows (和平社区工作人员名单), blank rows and notes above the header, and
//! often a header over two rows (合同期限 merged over 起/止). The header is the row among the
//! first 30 that names the most known fields; the row below (or above) joins it when merged
//! cells or its shape show a two-row header. Columns are proposed by header name and its
//! usual variants, after a mapping remembered from an earlier import.

use super::plan::LedgerView;
use super::read::{Book, Cell, Row, Sheet};
use super::values::{clean_text, display, key};
use super::{
    column_letter, file_error, ColumnInfo, FieldInfo, ImportField, Inspection, RememberedColumn,
    SheetChoice, SheetInfo, MAPPING_KEY, MAX_DATA_ROWS,
};
use crate::communities::Community;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::path::Path;

use ImportField::*;

/// Exact header names (after normalising), the template's label first.
const HEADERS: &[(ImportField, &[&str])] = &[
    (Name, &["姓名", "名字", "人员姓名"]),
    (
        IdNumber,
        &[
            "身份证号",
            "身份证号码",
            "公民身份号码",
            "公民身份证号码",
            "居民身份证号码",
            "身份证",
            "证件号码",
        ],
    ),
    (Gender, &["性别"]),
    (
        BirthDate,
        &["出生日期", "出生年月", "出生年月日", "出生时间"],
    ),
    (Ethnicity, &["民族"]),
    (NativePlace, &["籍贯"]),
    (
        Phone,
        &[
            "手机号",
            "手机",
            "手机号码",
            "联系电话",
            "电话",
            "联系方式",
            "移动电话",
        ],
    ),
    (PoliticalStatus, &["政治面貌"]),
    (PartyJoinedOn, &["入党时间", "入党日期", "入党年月"]),
    (Education, &["最高学历", "学历", "文化程度"]),
    (FullTimeEducation, &["是否全日制", "全日制"]),
    (School, &["毕业院校", "毕业学校"]),
    (Major, &["所学专业", "专业"]),
    (
        SocialWorkMajor,
        &["社会工作相关专业", "是否社会工作专业", "社工专业"],
    ),
    (Community, &["所在社区", "社区", "所属社区", "社区名称"]),
    (Category, &["人员类别", "类别"]),
    (Position, &["职务", "岗位", "现任职务"]),
    (PostDetail, &["具体岗位"]),
    (Source, &["来源", "人员来源"]),
    (Recruitment, &["招聘方式"]),
    (CommunityWorkStart, &["参加社区工作时间", "参加工作时间"]),
    (PriorServiceMonths, &["省内此前社区工作月数"]),
    (HiredOn, &["入职时间", "聘用时间", "入职日期"]),
    (ProbationEnd, &["试用期满日期"]),
    (Remarks, &["备注"]),
    (CertificateKind, &["职业资格", "社工证"]),
    (CertificateObtainedOn, &["职业资格取得时间"]),
    (CertificateNo, &["证书编号"]),
    (
        Population,
        &[
            "城镇常住人口",
            "常住人口",
            "社区常住人口",
            "城镇常住人口数",
            "常住人口数",
        ],
    ),
];

/// Words a header contains, most specific first; None marks a known column that is not
/// imported (年龄 is derived, 序号 is the sheet's own numbering).
const KEYWORDS: &[(&str, Option<ImportField>)] = &[
    ("证书编号", Some(CertificateNo)),
    ("证书号", Some(CertificateNo)),
    ("取得时间", Some(CertificateObtainedOn)),
    ("取证", Some(CertificateObtainedOn)),
    ("发证", Some(CertificateObtainedOn)),
    ("获证", Some(CertificateObtainedOn)),
    ("身份证", Some(IdNumber)),
    ("身份号码", Some(IdNumber)),
    ("证件号", Some(IdNumber)),
    ("出生", Some(BirthDate)),
    ("入党", Some(PartyJoinedOn)),
    ("试用期", Some(ProbationEnd)),
    ("此前社区工作", Some(PriorServiceMonths)),
    ("参加社区工作", Some(CommunityWorkStart)),
    ("参加工作", Some(CommunityWorkStart)),
    ("入职", Some(HiredOn)),
    ("聘用时间", Some(HiredOn)),
    ("聘用日期", Some(HiredOn)),
    ("到岗", Some(HiredOn)),
    ("录用时间", Some(HiredOn)),
    ("社会工作相关专业", Some(SocialWorkMajor)),
    ("社会工作专业", Some(SocialWorkMajor)),
    ("社工专业", Some(SocialWorkMajor)),
    ("职业资格", Some(CertificateKind)),
    ("社工证", Some(CertificateKind)),
    ("职业水平", Some(CertificateKind)),
    ("资格证", Some(CertificateKind)),
    ("手机", Some(Phone)),
    ("电话", Some(Phone)),
    ("联系方式", Some(Phone)),
    ("政治面貌", Some(PoliticalStatus)),
    ("党派", Some(PoliticalStatus)),
    ("民族", Some(Ethnicity)),
    ("籍贯", Some(NativePlace)),
    ("学历", Some(Education)),
    ("文化程度", Some(Education)),
    ("全日制", Some(FullTimeEducation)),
    ("院校", Some(School)),
    ("学校", Some(School)),
    ("专业", Some(Major)),
    ("年龄", None),
    ("年限", None),
    ("工龄", None),
    ("序号", None),
    ("编号", None),
    ("具体岗位", Some(PostDetail)),
    ("分管", Some(PostDetail)),
    ("岗位职责", Some(PostDetail)),
    ("负责工作", Some(PostDetail)),
    ("职务", Some(Position)),
    ("岗位", Some(Position)),
    ("社区", Some(Community)),
    ("居委会", Some(Community)),
    ("工作单位", Some(Community)),
    ("所在单位", Some(Community)),
    ("类别", Some(Category)),
    ("人员身份", Some(Category)),
    ("来源", Some(Source)),
    ("招聘方式", Some(Recruitment)),
    ("产生方式", Some(Recruitment)),
    ("录用方式", Some(Recruitment)),
    ("性别", Some(Gender)),
    ("姓名", Some(Name)),
    ("备注", Some(Remarks)),
];

/// How many non-empty rows from the top are searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// A header's comparable form: no spaces, half-width, without notes in brackets, the
/// required mark (*) or a trailing colon: 身份证号码（18位）* -> 身份证号码.
pub(crate) fn normalize_header(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in key(s).chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            '*' | ':' | '：' | '/' | '\\' | '、' | '\n' => {}
            _ if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// The field a header names, if any.
pub(crate) fn match_header(header: &str) -> Option<ImportField> {
    let n = normalize_header(header);
    if n.is_empty() {
        return None;
    }
    if let Some((f, _)) = HEADERS
        .iter()
        .find(|(_, names)| names.iter().any(|name| *name == n))
    {
        return Some(*f);
    }
    KEYWORDS
        .iter()
        .find(|(word, _)| n.contains(word))
        .and_then(|(_, f)| *f)
}

fn text_of(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(t) => Some(clean_text(t)).filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// How many different fields a row's cells name, and whether one of them is a key field.
fn score<K: Copy + PartialEq>(row: &Row, matcher: &HeaderMatcher<K>) -> (usize, bool) {
    let mut seen = Vec::new();
    for cell in &row.cells {
        if let Some(f) = text_of(cell)
            .filter(|t| t.chars().count() <= 30)
            .and_then(|t| (matcher.matches)(&t))
        {
            if !seen.contains(&f) {
                seen.push(f);
            }
        }
    }
    let key_field = seen.iter().any(|f| (matcher.is_key)(*f));
    (seen.len(), key_field)
}

/// What a header row is looked for with: the field a header names, and which fields mark a
/// row as the header even when only two are named (姓名, 身份证号 for a roster). The import
/// looks for roster fields, 填报上级表格 for what the ledger can fill in.
pub(crate) struct HeaderMatcher<'m, K> {
    pub matches: &'m dyn Fn(&str) -> Option<K>,
    pub is_key: &'m dyn Fn(K) -> bool,
}

/// A header found in a sheet: where it is, each column's header text and the field proposed
/// for it (from memory first, else by its name).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found<K> {
    pub header_row: u32,
    pub header_rows: u32,
    pub data_start: u32,
    pub headers: Vec<String>,
    pub proposed: Vec<Option<K>>,
    pub remembered: Vec<bool>,
}

/// The header as found (or as the clerk set it) and what follows from it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    /// 0-based index of the (first) header row.
    pub header_row: u32,
    pub header_rows: u32,
    /// 0-based index of the first row after the header.
    pub data_start: u32,
    /// Each column's header text (two rows shown as 上/下).
    pub headers: Vec<String>,
    pub proposed: Vec<Option<ImportField>>,
    pub remembered: Vec<bool>,
    pub notes: Vec<Option<String>>,
}

pub(crate) fn row_at(sheet: &Sheet, index: u32) -> Option<&Row> {
    sheet
        .rows
        .binary_search_by_key(&index, |r| r.index)
        .ok()
        .map(|i| &sheet.rows[i])
}

/// A horizontally merged region of row `row` that covers column `col`.
fn horizontal_merge(sheet: &Sheet, row: u32, col: u32) -> Option<u32> {
    sheet
        .merges
        .iter()
        .find(|m| {
            m.first_row == row
                && m.first_col < m.last_col
                && (m.first_col..=m.last_col).contains(&col)
        })
        .map(|m| m.first_col)
}

fn non_empty(row: &Row) -> usize {
    row.cells.iter().filter(|c| !c.is_empty()).count()
}

/// Whether `top` and `bottom` together are one header over two rows.
fn is_two_row_header(sheet: &Sheet, top: &Row, bottom: &Row) -> bool {
    if non_empty(top) < 2 || non_empty(bottom) == 0 {
        return false;
    }
    // A data row has digits (ID number, dates); a sub-header has none.
    let header_like = bottom.cells.iter().all(|c| match c {
        Cell::Empty => true,
        Cell::Text(t) => !t.chars().any(|ch| ch.is_ascii_digit()),
        _ => false,
    });
    if !header_like {
        return false;
    }
    // A "label：value" line (填报单位：…, 统计截止日期：…) is a subtitle, never a group header,
    // even when it is merged across the columns as our own county workbook writes it.
    // A header row of many columns may have 其中：女 among them.
    let labelled = non_empty(top) <= 3
        && top
            .cells
            .iter()
            .any(|c| text_of(c).is_some_and(|t| t.contains(':') || t.contains('：')));
    if labelled {
        return false;
    }
    let width = top.cells.len().max(bottom.cells.len()) as u32;
    let bottom_has = |c: u32| !bottom.get(c).is_empty();
    let top_has = |c: u32| !top.get(c).is_empty();
    let merged_group = sheet.merges.iter().any(|m| {
        m.first_row == top.index
            && m.last_row == top.index
            && m.first_col < m.last_col
            && (m.first_col..=m.last_col).any(bottom_has)
    });
    let merged_down = sheet
        .merges
        .iter()
        .any(|m| m.first_row == top.index && m.last_row >= bottom.index);
    if merged_group || merged_down {
        return true;
    }
    if !sheet.merges.is_empty() {
        return false;
    }
    // No merge information (or merges removed): a group header leaves cells empty above its
    // sub-headers, and vertically merged headers leave cells empty below them.
    let title_like = top
        .cells
        .iter()
        .any(|c| text_of(c).is_some_and(|t| t.chars().count() > 12));
    !title_like
        && (0..width).any(|c| !top_has(c) && bottom_has(c))
        && (0..width).any(|c| top_has(c) && !bottom_has(c))
}

/// Finds the header of a sheet, or uses the row the clerk gave (1-based).
pub(crate) fn find_header<K: Copy + PartialEq>(
    sheet: &Sheet,
    forced_row: Option<u32>,
    remembered: &HashMap<String, Option<K>>,
    matcher: &HeaderMatcher<K>,
) -> Option<Found<K>> {
    let best = match forced_row {
        Some(r) => row_at(sheet, r.checked_sub(1)?)?,
        None => {
            let candidates = sheet.rows.iter().take(HEADER_SEARCH_ROWS);
            let mut best: Option<(&Row, usize)> = None;
            for row in candidates {
                let (s, key_field) = score(row, matcher);
                let good = (s >= 2 && key_field) || s >= 3;
                if good && best.is_none_or(|(_, b)| s > b) {
                    best = Some((row, s));
                }
            }
            best?.0
        }
    };
    let below = row_at(sheet, best.index + 1);
    let above = best.index.checked_sub(1).and_then(|i| row_at(sheet, i));
    let (top, bottom) = match (below, above) {
        (Some(b), _) if is_two_row_header(sheet, best, b) => (best, Some(b)),
        (_, Some(a)) if forced_row.is_none() && is_two_row_header(sheet, a, best) => {
            (a, Some(best))
        }
        _ => (best, None),
    };

    // Columns: as wide as the header, or the data just below it.
    let data_start = bottom.unwrap_or(top).index + 1;
    let mut width = top.cells.len().max(bottom.map_or(0, |b| b.cells.len()));
    for r in sheet.rows.iter().filter(|r| r.index >= data_start).take(50) {
        width = width.max(r.cells.len());
    }

    let mut headers = Vec::with_capacity(width);
    let mut proposed = Vec::with_capacity(width);
    let mut from_memory = Vec::with_capacity(width);
    for c in 0..width as u32 {
        let mut parent = display(top.get(c));
        let child = bottom.map(|b| display(b.get(c))).unwrap_or_default();
        if parent.is_empty() && bottom.is_some() && !child.is_empty() {
            // Under a group header: the group's text is in its first column.
            let group_col = horizontal_merge(sheet, top.index, c).or_else(|| {
                if !sheet.merges.is_empty() {
                    return None;
                }
                (0..c).rev().find(|&l| !top.get(l).is_empty())
            });
            if let Some(g) = group_col {
                parent = display(top.get(g));
            }
        }
        let header = match (parent.is_empty(), child.is_empty()) {
            (false, false) if parent != child => format!("{parent}/{child}"),
            (false, _) => parent.clone(),
            (true, _) => child.clone(),
        };
        let norm = normalize_header(&header);
        let (field, remembered_here) = match remembered.get(&norm) {
            Some(f) if !norm.is_empty() => (*f, true),
            _ => {
                let f = if child.is_empty() {
                    (matcher.matches)(&parent)
                } else {
                    (matcher.matches)(&child).or_else(|| (matcher.matches)(&header))
                };
                (f, false)
            }
        };
        headers.push(header);
        proposed.push(field);
        from_memory.push(remembered_here);
    }
    Some(Found {
        header_row: top.index,
        header_rows: if bottom.is_some() { 2 } else { 1 },
        data_start,
        headers,
        proposed,
        remembered: from_memory,
    })
}

/// Finds the roster header of a sheet, or uses the row the clerk gave (1-based); a field
/// goes to the first column that names it.
pub(crate) fn layout(
    sheet: &Sheet,
    forced_row: Option<u32>,
    remembered: &HashMap<String, Option<ImportField>>,
) -> Option<Layout> {
    let matcher = HeaderMatcher {
        matches: &match_header,
        is_key: &|f| f == Name || f == IdNumber,
    };
    let Found {
        header_row,
        header_rows,
        data_start,
        headers,
        mut proposed,
        remembered,
    } = find_header(sheet, forced_row, remembered, &matcher)?;
    let mut notes: Vec<Option<String>> = vec![None; headers.len()];
    // One column per field: the first keeps it.
    for c in 0..proposed.len() {
        if let Some(f) = proposed[c] {
            if let Some(first) = proposed[..c].iter().position(|p| *p == Some(f)) {
                proposed[c] = None;
                notes[c] = Some(format!(
                    "与 {} 列“{}”重复，未导入；如需导入本列，请改选字段。",
                    column_letter(first as u32),
                    crate::text::excerpt(&headers[first])
                ));
            }
        }
    }
    Some(Layout {
        header_row,
        header_rows,
        data_start,
        headers,
        proposed,
        remembered,
        notes,
    })
}

/// Suffixes a community's name is written with; removed to compare names.
const COMMUNITY_SUFFIXES: &[&str] = &[
    "社区居民委员会",
    "社区居委会",
    "居民委员会",
    "居委会",
    "社区",
];

/// A community name without its suffix (和平社区居委会 -> 和平), for matching.
pub(crate) fn community_stem(name: &str) -> String {
    let k = key(name);
    for s in COMMUNITY_SUFFIXES {
        if let Some(stem) = k.strip_suffix(s) {
            if !stem.is_empty() {
                return stem.to_string();
            }
        }
    }
    k
}

/// The community a title (和平社区工作人员名单) or a sheet name (幸福社区) names.
pub(crate) fn community_in(text: &str) -> Option<String> {
    let t: Vec<char> = key(text).chars().collect();
    const STOPS: &[&str] = &["街道", "街办", "办事处", "镇", "乡", "县", "市", "年", "度"];
    let markers: Vec<Vec<char>> = COMMUNITY_SUFFIXES
        .iter()
        .map(|m| m.chars().collect())
        .collect();
    let mut i = 0;
    while i < t.len() {
        // The longest suffix that starts here.
        let found = markers
            .iter()
            .filter(|m| t[i..].starts_with(m))
            .max_by_key(|m| m.len());
        if let Some(marker) = found {
            let mut start = i;
            while start > 0 && i - start < 8 {
                let c = t[start - 1];
                let cjk = ('\u{4E00}'..='\u{9FFF}').contains(&c);
                let before: String = t[..start].iter().collect();
                if !cjk || STOPS.iter().any(|w| before.ends_with(w)) {
                    break;
                }
                start -= 1;
            }
            if start < i {
                let name: String = t[start..i + marker.len()].iter().collect();
                return Some(name);
            }
            i += marker.len();
        } else {
            i += 1;
        }
    }
    None
}

/// The remembered mapping: normalised header text -> field (None = not imported).
pub(crate) fn remembered(conn: &Connection) -> Result<HashMap<String, Option<ImportField>>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [MAPPING_KEY],
            |r| r.get(0),
        )
        .optional()?;
    // A damaged value only loses the memory, never the import.
    let map: HashMap<String, Option<String>> = json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default();
    Ok(map
        .into_iter()
        .map(|(h, f)| (h, f.and_then(|k| ImportField::from_key(&k))))
        .collect())
}

/// Adds the columns of a committed import to the remembered mapping.
pub(crate) fn remember(tx: &Transaction, columns: &[RememberedColumn]) -> Result<()> {
    if columns.is_empty() {
        return Ok(());
    }
    let mut map: std::collections::BTreeMap<String, Option<String>> = remembered(tx)?
        .into_iter()
        .map(|(h, f)| (h, f.map(|f| f.key().to_string())))
        .collect();
    for c in columns {
        let h = normalize_header(&c.header);
        if !h.is_empty() {
            map.insert(h, c.field.map(|f| f.key().to_string()));
        }
    }
    let json = serde_json::to_string(&map).unwrap_or_else(|_| "{}".into());
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![MAPPING_KEY, json],
    )?;
    Ok(())
}

/// Every field with what its column may hold, for the mapping drop-down.
pub fn field_infos() -> Vec<FieldInfo> {
    ImportField::ALL
        .into_iter()
        .map(|f| FieldInfo {
            field: f,
            label: f.label().to_string(),
            required: f.required(),
            hint: hint(f).to_string(),
        })
        .collect()
}

pub(crate) fn hint(f: ImportField) -> &'static str {
    match f {
        Name => "姓名，如 张三。",
        IdNumber => "18 位居民身份证号码，最后一位可以是 X。请把该列设为“文本”格式，否则 Excel 会丢掉后几位。",
        Gender => "不导入，只用来核对：性别由身份证号得出。",
        BirthDate => "不导入，只用来核对：出生日期由身份证号得出。",
        Ethnicity => "如 汉族（也可写“汉”）。",
        NativePlace => "如 浙江杭州。",
        Phone => "11 位手机号码。",
        PoliticalStatus => "中共党员、中共预备党员、共青团员、民主党派成员、无党派人士、群众（“党员”“团员”也可）。",
        PartyJoinedOn | CommunityWorkStart | HiredOn | ProbationEnd | CertificateObtainedOn => {
            "日期，如 2019-03-01、2019/3/1、2019年3月1日；只写年月（2019.03）按当月 1 日导入。"
        }
        Education => "博士研究生、硕士研究生、大学本科、大学专科、中专/中技、高中、初中及以下（“本科”“大专”也可）。",
        FullTimeEducation | SocialWorkMajor => "是 或 否。",
        School => "毕业院校名称。",
        Major => "所学专业名称。",
        Community => "社区名称，须是台账中的社区（“XX社区居委会”也能认出）。",
        Category => "两委专职成员、社区专职工作人员、两委兼职成员、挂职干部。",
        Position => "书记、主任、书记兼主任、副书记、副主任、委员、专职工作人员。",
        PostDetail => "具体岗位或分管工作，如 网格管理。",
        Source => "高校毕业生、退役军人、社会工作专业人才、原网格员转聘、其他。",
        Recruitment => "公开招聘、选举产生、转聘、选派。",
        PriorServiceMonths => "在本省其他地方做社区工作的月数，如 18（也可写 1年6个月）。",
        Remarks => "其他说明。",
        CertificateKind => "助理社会工作师、社会工作师、高级社会工作师（“社工师”“中级”也可）；没有取得时间的按“取得时间未填”导入。",
        CertificateNo => "证书上的编号，请按文本录入。",
        Population => "社区的城镇常住人口（人数），只用于导入时新建的社区。",
    }
}

fn samples(sheet: &Sheet, layout: &Layout, col: u32) -> Vec<String> {
    sheet
        .rows
        .iter()
        .filter(|r| r.index >= layout.data_start)
        .map(|r| display(r.get(col)))
        .filter(|t| !t.is_empty())
        .take(3)
        .collect()
}

/// A ledger community a text names unambiguously: the same name, or the same stem.
pub(crate) fn ledger_community<'a>(name: &str, ledger: &'a [Community]) -> Option<&'a Community> {
    let k = key(name);
    if let Some(c) = ledger.iter().find(|c| key(&c.name) == k) {
        return Some(c);
    }
    let stem = community_stem(name);
    let mut fits = ledger.iter().filter(|c| community_stem(&c.name) == stem);
    match (fits.next(), fits.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// A community for rows without one: from a title row above the header, else the sheet's
/// name. A ledger community it names is proposed by its ledger name.
pub(crate) fn proposed_community(
    sheet: &Sheet,
    header_row: Option<u32>,
    ledger: &[Community],
) -> Option<(String, &'static str)> {
    let titles = sheet
        .rows
        .iter()
        .take_while(|r| header_row.is_none_or(|h| r.index < h))
        .flat_map(|r| r.cells.iter().filter_map(text_of));
    for t in titles {
        if let Some(name) = community_in(&t) {
            let name = ledger_community(&name, ledger).map_or(name, |c| c.name.clone());
            return Some((name, "标题行"));
        }
    }
    let sheet_name = clean_text(&sheet.name);
    if let Some(c) = ledger_community(&sheet_name, ledger) {
        return Some((c.name.clone(), "工作表名称"));
    }
    community_in(&sheet_name).map(|n| (n, "工作表名称"))
}

/// Reads a workbook and proposes, per sheet, the header row, the mapping and a community.
/// The same as `read_book` (all sheets), `LedgerView::load` and [`inspect_book`] in turn.
pub fn inspect(conn: &Connection, path: &Path) -> Result<Inspection> {
    let book = super::read::open(path, None)?;
    inspect_book(&book, &LedgerView::load(conn)?)
}

/// Proposes, per sheet of a workbook already read, the header row, the mapping (after the
/// one remembered in `ledger`) and a community (named as in `ledger`).
pub fn inspect_book(book: &Book, ledger: &LedgerView) -> Result<Inspection> {
    inspect_sheets(book, &ledger.memory, &ledger.communities)
}

pub(crate) fn inspect_sheets(
    book: &Book,
    memory: &HashMap<String, Option<ImportField>>,
    ledger: &[Community],
) -> Result<Inspection> {
    if book.sheets.iter().all(|s| s.rows.is_empty()) {
        return Err(file_error(format!(
            "“{}”是空的：所有工作表里都没有内容。请确认选对了文件。",
            book.file_name
        )));
    }
    let sheets = book
        .sheets
        .iter()
        .map(|sheet| sheet_info(sheet, memory, ledger))
        .collect();
    Ok(Inspection {
        file_name: book.file_name.clone(),
        sheets,
        fields: field_infos(),
        notes: book.notes(),
    })
}

pub(crate) fn too_large_message(sheet: &str) -> String {
    format!(
        "工作表“{sheet}”超过 {MAX_DATA_ROWS} 行，超出一次导入的上限。请把它拆成几个工作表或文件分别导入。"
    )
}

fn sheet_info(
    sheet: &Sheet,
    memory: &HashMap<String, Option<ImportField>>,
    ledger: &[Community],
) -> SheetInfo {
    let layout = layout(sheet, None, memory);
    let mut problem = None;
    if sheet.rows.is_empty() {
        problem = Some("工作表是空的。".to_string());
    } else if sheet.too_large {
        problem = Some(too_large_message(&sheet.name));
    } else if layout.is_none() {
        problem = Some("前 30 行中找不到表头（同时写着“姓名”“身份证号”等列名的一行）。如果这是花名册，请指定表头所在的行。".to_string());
    }
    let columns: Vec<ColumnInfo> = layout
        .as_ref()
        .map(|l| {
            (0..l.headers.len())
                .map(|c| ColumnInfo {
                    index: c as u32,
                    letter: column_letter(c as u32),
                    header: l.headers[c].clone(),
                    field: l.proposed[c],
                    remembered: l.remembered[c],
                    samples: samples(sheet, l, c as u32),
                    note: l.notes[c].clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    if problem.is_none() {
        let has = |f| columns.iter().any(|c| c.field == Some(f));
        if !has(IdNumber) {
            problem = Some(
                "没有认出“身份证号”列：导入按身份证号识别人员，请在列对应中指定哪一列是身份证号。"
                    .into(),
            );
        } else if !has(Name) {
            problem = Some("没有认出“姓名”列：请在列对应中指定哪一列是姓名。".into());
        }
    }
    let has_community_column = columns.iter().any(|c| c.field == Some(Community));
    let proposal = proposed_community(sheet, layout.as_ref().map(|l| l.header_row), ledger);
    let data_rows = layout.as_ref().map_or(0, |l| {
        sheet
            .rows
            .iter()
            .filter(|r| r.index >= l.data_start)
            .count()
    });
    let proposed_community = proposal.as_ref().map(|(n, _)| n.clone());
    SheetInfo {
        default_choice: SheetChoice {
            name: sheet.name.clone(),
            community: proposed_community.clone().filter(|_| !has_community_column),
            ..SheetChoice::default()
        },
        name: sheet.name.clone(),
        hidden: sheet.hidden,
        header_row: layout.as_ref().map(|l| l.header_row + 1),
        header_rows: layout.as_ref().map_or(1, |l| l.header_rows),
        data_rows,
        selected: !sheet.hidden && problem.is_none(),
        columns,
        proposed_community,
        community_from: proposal.map(|(_, from)| from.to_string()),
        has_community_column,
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_variants() {
        for (h, f) in [
            ("姓名", Name),
            ("姓  名", Name),
            ("身份证号码（18位）", IdNumber),
            ("公民身份号码", IdNumber),
            ("出生年月", BirthDate),
            ("文化程度", Education),
            ("最高学历*", Education),
            ("所属社区", Community),
            ("所在社区", Community),
            ("岗位", Position),
            ("参加工作时间", CommunityWorkStart),
            ("参加社区工作时间", CommunityWorkStart),
            ("聘用时间", HiredOn),
            ("手机号码", Phone),
            ("联系电话", Phone),
            ("社工证", CertificateKind),
            ("职业资格取得时间", CertificateObtainedOn),
            ("省内此前社区工作月数", PriorServiceMonths),
            ("社会工作相关专业", SocialWorkMajor),
            ("具体岗位", PostDetail),
            ("试用期满日期", ProbationEnd),
        ] {
            assert_eq!(match_header(h), Some(f), "{h}");
        }
        for h in ["序号", "年龄", "社区工作年限", "合同期限起", ""] {
            assert_eq!(match_header(h), None, "{h}");
        }
    }

    #[test]
    fn every_label_is_its_own_header() {
        for f in ImportField::ALL {
            assert_eq!(match_header(f.label()), Some(f), "{}", f.label());
        }
    }

    #[test]
    fn communities_in_titles() {
        assert_eq!(
            community_in("和平社区工作人员名单").as_deref(),
            Some("和平社区")
        );
        assert_eq!(
            community_in("XX街道幸福社区2024年社区工作者花名册").as_deref(),
            Some("幸福社区")
        );
        assert_eq!(
            community_in("东风社区居委会").as_deref(),
            Some("东风社区居委会")
        );
        assert_eq!(community_in("社区工作者花名册"), None);
        assert_eq!(community_in("Sheet1"), None);
        assert_eq!(community_stem("和平社区居委会"), "和平");
        assert_eq!(community_stem("和平社区"), "和平");
        assert_eq!(community_stem("和平居民委员会"), "和平");
    }
}
