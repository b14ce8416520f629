//! 导入: the street's existing Excel rosters (花名册) into the ledger.
//!
//! Reading order follows the data:
//! - `read`: a workbook's cells (xlsx, xls, ods) with merged regions and, for xlsx, hidden rows;
//! - `header`: where a sheet's header row is and which column is which field;
//! - `values`: one cell into one value (dates in every usual form, ID numbers, variants);
//! - `plan`: the preview, row by row: new, changed (old -> new), unchanged or rejected, built
//!   in stages: `sheets` (choose and settle) -> `rows` and `cells` (read the data rows) ->
//!   `resolve` (communities) -> `classify` (against the ledger);
//! - `commit`: [`apply`] backs the ledger up and writes the confirmed rows in one transaction
//!   through `workers::create`/`update`;
//! - `report` and `template`: the error report and the blank template workbook.
//!
//! Nothing is written before [`apply`]; a rejected row is never written, nor part of a row.

mod cells;
mod classify;
mod commit;
pub(crate) mod header;
mod limits;
mod plan;
#[cfg(test)]
mod properties;
pub(crate) mod read;
mod report;
mod resolve;
mod rows;
mod sheets;
mod template;
pub(crate) mod values;

pub use commit::{apply, backup_before_import};
pub use header::{field_infos, inspect, inspect_book};
pub use plan::{chosen_names, preview, preview_book, read_book, LedgerView};
pub use read::Book;
pub use report::write_error_report;
pub use template::{template_workbook, write_template, TEMPLATE_SHEET};

use crate::audit::FieldChange;
use crate::workers::{CertificateInput, WorkerInput};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Larger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// An xlsx is a zip of XML parts: no part may unpack to more than this (declared, and as
/// actually read), a guard against a small file that unpacks to gigabytes.
pub const MAX_PART_BYTES: u64 = 200 * 1024 * 1024;
/// All parts of a workbook together, unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 500 * 1024 * 1024;
/// Parts in one xlsx (a roster has a few dozen).
pub const MAX_PARTS: usize = 10_000;
/// Shared strings (the distinct texts of an xlsx, or the SST of an xls): a roster of 50,000
/// people has a few hundred thousand at most.
pub const MAX_SHARED_STRINGS: usize = 1_000_000;
/// The longest text one cell may hold: Excel's own limit (characters).
pub const MAX_CELL_CHARS: usize = 32_767;
/// The text of all cells read, together (bytes of UTF-8): a roster of 50,000 people holds
/// under 50 MB, but a few long texts repeated in every cell of a small file could fill memory.
pub const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;
/// At most this many data rows in one import (all chosen sheets together).
pub const MAX_DATA_ROWS: usize = 50_000;
/// The settings key of the remembered mapping (header text -> field), a JSON object.
pub const MAPPING_KEY: &str = "import_mapping";

/// A ledger field a spreadsheet column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportField {
    Name,
    IdNumber,
    /// Only checked against the ID number (the ID number wins).
    Gender,
    /// Only checked against the ID number (the ID number wins).
    BirthDate,
    Ethnicity,
    NativePlace,
    Phone,
    PoliticalStatus,
    PartyJoinedOn,
    Education,
    FullTimeEducation,
    School,
    Major,
    SocialWorkMajor,
    Community,
    Category,
    Position,
    PostDetail,
    Source,
    Recruitment,
    CommunityWorkStart,
    PriorServiceMonths,
    HiredOn,
    ProbationEnd,
    Remarks,
    CertificateKind,
    CertificateObtainedOn,
    CertificateNo,
    /// The community's 城镇常住人口 (a community-level column some rosters repeat on every
    /// row): only used for a community the import creates.
    Population,
}

impl ImportField {
    pub const ALL: [ImportField; 29] = [
        ImportField::Name,
        ImportField::IdNumber,
        ImportField::Gender,
        ImportField::BirthDate,
        ImportField::Ethnicity,
        ImportField::NativePlace,
        ImportField::Phone,
        ImportField::PoliticalStatus,
        ImportField::PartyJoinedOn,
        ImportField::Education,
        ImportField::FullTimeEducation,
        ImportField::School,
        ImportField::Major,
        ImportField::SocialWorkMajor,
        ImportField::Community,
        ImportField::Category,
        ImportField::Position,
        ImportField::PostDetail,
        ImportField::Source,
        ImportField::Recruitment,
        ImportField::CommunityWorkStart,
        ImportField::PriorServiceMonths,
        ImportField::HiredOn,
        ImportField::ProbationEnd,
        ImportField::Remarks,
        ImportField::CertificateKind,
        ImportField::CertificateObtainedOn,
        ImportField::CertificateNo,
        ImportField::Population,
    ];

    /// The Chinese name: the template's header and the audit trail's label.
    pub fn label(self) -> &'static str {
        use ImportField::*;
        match self {
            Name => "姓名",
            IdNumber => "身份证号",
            Gender => "性别",
            BirthDate => "出生日期",
            Ethnicity => "民族",
            NativePlace => "籍贯",
            Phone => "手机号",
            PoliticalStatus => "政治面貌",
            PartyJoinedOn => "入党时间",
            Education => "最高学历",
            FullTimeEducation => "是否全日制",
            School => "毕业院校",
            Major => "所学专业",
            SocialWorkMajor => "社会工作相关专业",
            Community => "所在社区",
            Category => "人员类别",
            Position => "职务",
            PostDetail => "具体岗位",
            Source => "来源",
            Recruitment => "招聘方式",
            CommunityWorkStart => "参加社区工作时间",
            PriorServiceMonths => "省内此前社区工作月数",
            HiredOn => "入职时间",
            ProbationEnd => "试用期满日期",
            Remarks => "备注",
            CertificateKind => "职业资格",
            CertificateObtainedOn => "职业资格取得时间",
            CertificateNo => "证书编号",
            Population => "城镇常住人口",
        }
    }

    /// The stable key used in the remembered mapping (the serde name).
    pub fn key(self) -> &'static str {
        use ImportField::*;
        match self {
            Name => "name",
            IdNumber => "idNumber",
            Gender => "gender",
            BirthDate => "birthDate",
            Ethnicity => "ethnicity",
            NativePlace => "nativePlace",
            Phone => "phone",
            PoliticalStatus => "politicalStatus",
            PartyJoinedOn => "partyJoinedOn",
            Education => "education",
            FullTimeEducation => "fullTimeEducation",
            School => "school",
            Major => "major",
            SocialWorkMajor => "socialWorkMajor",
            Community => "community",
            Category => "category",
            Position => "position",
            PostDetail => "postDetail",
            Source => "source",
            Recruitment => "recruitment",
            CommunityWorkStart => "communityWorkStart",
            PriorServiceMonths => "priorServiceMonths",
            HiredOn => "hiredOn",
            ProbationEnd => "probationEnd",
            Remarks => "remarks",
            CertificateKind => "certificateKind",
            CertificateObtainedOn => "certificateObtainedOn",
            CertificateNo => "certificateNo",
            Population => "population",
        }
    }

    pub fn from_key(key: &str) -> Option<ImportField> {
        ImportField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The field of a `CoreError::Validation` from `workers::validate` (its camelCase name).
    pub(crate) fn from_form_field(field: &str) -> Option<ImportField> {
        match field {
            "communityId" => Some(ImportField::Community),
            "kind" | "title" => Some(ImportField::CertificateKind),
            "obtainedOn" => Some(ImportField::CertificateObtainedOn),
            "certNo" => Some(ImportField::CertificateNo),
            other => ImportField::from_key(other),
        }
    }

    /// Required for a person not yet in the ledger.
    pub fn required(self) -> bool {
        use ImportField::*;
        matches!(
            self,
            Name | IdNumber
                | Ethnicity
                | PoliticalStatus
                | Education
                | Community
                | Category
                | Position
                | HiredOn
        )
    }
}

/// A field as the mapping drop-down shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldInfo {
    pub field: ImportField,
    pub label: String,
    /// Required for a person not yet in the ledger.
    pub required: bool,
    /// What the column may hold, in Chinese.
    pub hint: String,
}

/// What `inspect` finds in a workbook, before anything is chosen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    pub file_name: String,
    pub sheets: Vec<SheetInfo>,
    pub fields: Vec<FieldInfo>,
    /// What the program could not check in this file (e.g. hidden rows of an .xls file).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetInfo {
    pub name: String,
    /// Hidden in Excel: not proposed for import.
    pub hidden: bool,
    /// The header row as Excel numbers it (1-based); None when no header was found.
    pub header_row: Option<u32>,
    /// 1, or 2 for a header over two rows (e.g. 合同期限 over 起/止).
    pub header_rows: u32,
    /// Non-empty rows below the header.
    pub data_rows: usize,
    pub columns: Vec<ColumnInfo>,
    /// A community for rows without one, from the sheet's name or title row: for the clerk to confirm.
    pub proposed_community: Option<String>,
    /// Where the proposal came from: 标题行 or 工作表名称.
    pub community_from: Option<String>,
    pub has_community_column: bool,
    /// Proposed for import: visible, with a header row.
    pub selected: bool,
    /// The choice `preview` makes for this sheet when the clerk names no sheets (and the one
    /// the window and the CLI start from): as detected, with the proposed community when the
    /// sheet has no community column.
    pub default_choice: SheetChoice,
    /// Why the sheet cannot be imported as it is, in Chinese.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnInfo {
    /// 0-based column index (A = 0).
    pub index: u32,
    /// The column letter as Excel shows it (A, B, … AA).
    pub letter: String,
    /// The header text; two header rows are shown as 上/下.
    pub header: String,
    /// The proposed field; None = not imported.
    pub field: Option<ImportField>,
    /// True when the proposal comes from a mapping remembered from an earlier import.
    pub remembered: bool,
    /// The first few values below the header, as text.
    pub samples: Vec<String>,
    pub note: Option<String>,
}

/// One sheet the clerk chose, with the mapping and community confirmed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetChoice {
    pub name: String,
    /// The header row (1-based) when the clerk corrected it; None = as detected.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_row: Option<u32>,
    /// The columns and their fields; None = as proposed by `inspect`.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<Vec<ColumnMapping>>,
    /// The community of rows that have none (confirmed by the clerk); None = no such default.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    /// 0-based column index.
    pub column: u32,
    /// None = not imported.
    pub field: Option<ImportField>,
}

/// What to do with a person already in the ledger (same ID number).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RowAction {
    #[default]
    Update,
    Skip,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    /// The default for people already in the ledger; the clerk can change it per row.
    #[serde(default)]
    pub on_existing: RowAction,
    /// Create communities the ledger does not have yet.
    #[serde(default)]
    pub create_communities: bool,
    /// Import rows hidden in Excel too (by default they are skipped).
    #[serde(default)]
    pub include_hidden_rows: bool,
    /// How a community name in the file maps to the ledger, where the clerk decided.
    #[serde(default)]
    pub communities: Vec<CommunityChoice>,
    /// Values the clerk chose for cells that were ambiguous (研究生) or unknown.
    #[serde(default)]
    pub values: Vec<ValueChoice>,
    /// Values for fields the file lacks or leaves blank (e.g. 人员类别 for the whole file).
    #[serde(default)]
    pub defaults: Vec<FieldDefault>,
    /// 变动日期 (YYYY-MM-DD): from when a changed 社区, 人员类别, 职务 or 学历 of a person
    /// already in the ledger holds (a dated record in 任职经历); by default today. The
    /// roster's own date (its 截止日期) is the usual choice.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunityChoice {
    /// The name as written in the file.
    pub raw: String,
    /// An existing community.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community_id: Option<i64>,
    /// Or a community to create with this name.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ValueChoice {
    pub field: ImportField,
    /// The cell text as in the file.
    pub raw: String,
    /// The label to import instead (one of the field's list).
    pub value: String,
    /// Only for this sheet and row; None = every cell of the field with this text.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldDefault {
    pub field: ImportField,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RowStatus {
    New,
    Changed,
    Unchanged,
    Rejected,
}

/// A problem or a note on one cell of a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowIssue {
    /// The column's header as in the file (or the field's name when no column holds it).
    pub column: String,
    /// 0-based column index, when a column holds it.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_index: Option<u32>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<ImportField>,
    /// What is wrong and how to fix it, in Chinese.
    pub message: String,
}

/// A cell the clerk must decide (研究生: 博士 or 硕士?); answer with a [`ValueChoice`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingChoice {
    pub field: ImportField,
    pub column: String,
    pub raw: String,
    pub options: Vec<String>,
}

/// One data row of the file, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanRow {
    pub sheet: String,
    /// The row number as Excel shows it (1-based).
    pub row: u32,
    pub status: RowStatus,
    pub name: String,
    /// Normalised when valid, else as written.
    pub id_number: String,
    /// The person already in the ledger with this ID number.
    pub worker_id: Option<i64>,
    /// The ledger community the row goes to (perhaps one to be created).
    pub community: Option<String>,
    /// The community is created by the import.
    pub creates_community: bool,
    /// For changed rows: update (default from the options) or skip.
    pub action: RowAction,
    /// The checked record to write (new and changed rows).
    pub record: Option<WorkerInput>,
    /// The record in the ledger at preview time (changed rows): commit refuses if it moved.
    pub before: Option<WorkerInput>,
    /// A certificate to add (the person does not hold this kind yet).
    pub certificate: Option<CertificateInput>,
    /// Changed rows: each field old -> new.
    pub changes: Vec<FieldChange>,
    pub errors: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
    pub choices: Vec<PendingChoice>,
    /// The row's cells as text (rejected rows only), for the error report.
    pub cells: Vec<String>,
}

/// A row that is not data and is left out, with the reason (合计行, 隐藏行 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkippedRow {
    pub sheet: String,
    pub row: u32,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CommunityMatch {
    /// The same name as in the ledger.
    Exact,
    /// The same after removing 社区居委会 / 居委会 / 居民委员会.
    Similar,
    /// As the clerk chose.
    Chosen,
    /// Created by the import.
    Create,
    /// Not in the ledger: choose one or create it.
    Unknown,
    /// Several ledger communities fit: choose one.
    Ambiguous,
}

/// How one community name of the file is resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunityPlan {
    pub raw: String,
    /// The name a community created for it gets (和平社区居委会 -> 和平社区).
    pub suggested_name: String,
    pub matched: CommunityMatch,
    /// The ledger community (or the one to create).
    pub community: Option<String>,
    pub community_id: Option<i64>,
    pub candidates: Vec<String>,
    /// Rows that name it.
    pub rows: usize,
    /// Its 城镇常住人口 from the file's column of that name (the first row that gives one), for
    /// a community the import creates.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetPlan {
    pub name: String,
    pub header_row: u32,
    pub header_rows: u32,
    /// Each column's header text (index = column), for the error report.
    pub headers: Vec<String>,
    /// Each column's letter as Excel shows it (index = column).
    pub letters: Vec<String>,
    pub mapping: Vec<ColumnMapping>,
    pub community: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanCounts {
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub rejected: usize,
    /// Non-data rows left out (totals, hidden, repeated headers); empty rows are not counted.
    pub skipped: usize,
    /// Rows with at least one warning.
    pub warned: usize,
}

/// The preview: what an import would do, row by row. Nothing is written until [`apply`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPlan {
    pub file_name: String,
    pub sheets: Vec<SheetPlan>,
    pub counts: PlanCounts,
    pub rows: Vec<PlanRow>,
    pub skipped: Vec<SkippedRow>,
    pub communities: Vec<CommunityPlan>,
    pub notes: Vec<String>,
    /// Header text -> field, remembered for the next file when the import is committed.
    pub mapping_to_remember: Vec<RememberedColumn>,
    /// The 变动日期 the changed posts and 学历 are dated with (see `ImportOptions`).
    pub changes_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RememberedColumn {
    pub header: String,
    pub field: Option<ImportField>,
}

/// The clerk's confirmation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitChoices {
    /// Write the other rows although some were rejected (rejected rows are never written).
    #[serde(default)]
    pub skip_rejected: bool,
    /// Per-row update/skip for people already in the ledger (overrides the plan's default).
    #[serde(default)]
    pub rows: Vec<RowChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowChoice {
    pub sheet: String,
    pub row: u32,
    pub action: RowAction,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// People in the ledger the clerk chose not to update.
    pub skipped: usize,
    pub rejected: usize,
    pub certificates_added: usize,
    pub communities_created: Vec<String>,
    /// Communities of the ledger whose 城镇常住人口 is still 0 after the import (created by it,
    /// or never filled): 配备情况 cannot say what they should have until it is entered.
    pub communities_without_population: Vec<String>,
    /// The copy of the ledger made just before the import.
    pub backup: Option<String>,
}

/// A file-level problem (not a spreadsheet, password, empty, too large): nothing is read
/// or written, and the message says what to do.
pub(crate) fn file_error(message: impl Into<String>) -> crate::CoreError {
    crate::CoreError::validation("file", message)
}

/// The file name shown to the clerk and written to the audit trail.
pub(crate) fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Excel's column letters: 0 -> A, 25 -> Z, 26 -> AA.
pub fn column_letter(index: u32) -> String {
    let mut n = index as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn keys_round_trip_and_match_serde() {
        for f in ImportField::ALL {
            assert_eq!(ImportField::from_key(f.key()), Some(f));
            let json = serde_json::to_string(&f).expect("json");
            assert_eq!(json, format!("\"{}\"", f.key()));
        }
    }
}
