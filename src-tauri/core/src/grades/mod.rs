//! The grade sequence (岗位等级序列, 第4条/第10条/第12条): each worker's post category and
//! level worked out from the rules, explained line by line, and kept as dated history.
//!
//! Where each rule lives:
//! - `scheme`: grade schemes as data — post categories with level ranges, the 职务 → category
//!   mapping, versions by effective date, and the two shipped templates (三岗十八级, 四岗);
//! - `rules`: every parameter of grading and promotion (years per level, degree credit,
//!   certificate bonus or allowance, promotion date, early promotion for 优秀, interruptions),
//!   kept in settings as JSON like the training cadence rules;
//! - 社区工作年限 (`workers::ServiceFacts`) is a fact of the worker record, used here;
//! - `assessment`: 年度考核 per worker and year, saved in bulk (all or nothing);
//! - `history`: dated grade records and the grade in effect on a date (reads);
//! - `proposal`: the grade engine, pure — one rule (the category's lowest level + the levels
//!   earned by a date), given as 定级 (`initial_grade`) for workers without a grade and as
//!   年度晋级 (`annual_step`) for the rest, with reasoning in Chinese, from plain facts;
//! - `facts`: loads those facts from the ledger and runs the engine (`propose`);
//! - `apply`: writes grade records — the confirmed run in one transaction, manual records and
//!   their correction — each audited;
//! - `salary`: salary standards by version (per category and level, in fen), the monthly
//!   standard of a worker, and community and street totals (人员经费).
//!
//! The worked examples a clerk can check by hand are in `docs/grades.md`; `worked_examples`
//! checks each against the engine, and `path_independence` checks over generated workers that
//! the grade on a date does not depend on when the ledger first graded them.

mod apply;
mod assessment;
mod facts;
mod history;
#[cfg(test)]
mod path_independence;
mod proposal;
mod rules;
mod runs;
mod salary;
pub(crate) use salary::salaries_on;
mod scheme;
#[cfg(test)]
mod worked_examples;

pub use apply::{add_grade_record, apply, delete_grade_record, ApplySummary, Override};
pub use assessment::{
    assessment_sheet, delete_assessment, save_assessments, worker_assessments, Assessment,
    AssessmentBatch, AssessmentInput, AssessmentSaved, AssessmentSheetRow,
};
pub use facts::propose;
pub use history::{current_grade, grade_history, GradeRecord, GradeRecordInput};
pub use proposal::{CurrentGrade, Proposal};
pub use rules::{
    get_rules, save_rules, CertificateRule, DegreeCredit, GradeRules, CERTIFICATE_MODES,
    CERTIFICATE_TIMINGS,
};
pub use runs::{last_run, undo_run, GradeRun};
pub use salary::{
    create_salary_version, generate_amounts, list_salary_versions, salary_totals,
    update_salary_version, worker_salary, SalaryCell, SalaryTotals, SalaryVersion,
    SalaryVersionInput, UnitTotal, WorkerSalary,
};
pub use scheme::{
    create_scheme, delete_scheme, get_scheme, list_schemes, scheme_in_effect, update_scheme,
    GradeCategory, PositionMapping, Scheme, SchemeInput,
};

use crate::vocab::AssessmentResult;

/// Assessment results (年度考核结果), best first.
pub const ASSESSMENT_RESULTS: &[&str] = AssessmentResult::LABELS;

/// Why a grade record was made.
pub const GRADE_REASONS: &[&str] = &[
    "定级",
    "年限晋升",
    "职业水平提升",
    "学历提升",
    "岗位晋升",
    "考核调整",
    "手工调整",
];

/// The grade pages' closed lists, for their drop-downs.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct GradeVocabulary {
    pub assessment_results: Vec<AssessmentResult>,
    pub grade_reasons: Vec<String>,
    pub certificate_timings: Vec<String>,
    pub certificate_modes: Vec<String>,
}

pub fn grade_vocabulary() -> GradeVocabulary {
    let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    GradeVocabulary {
        assessment_results: AssessmentResult::ALL.to_vec(),
        grade_reasons: owned(GRADE_REASONS),
        certificate_timings: owned(CERTIFICATE_TIMINGS),
        certificate_modes: owned(CERTIFICATE_MODES),
    }
}
