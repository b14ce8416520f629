//! The TypeScript types of every DTO that crosses the IPC boundary, written to
//! `ui/src/bindings/index.ts`. A test fails when the checked-in file is stale; run
//! `UPDATE_BINDINGS=1 cargo test -p shegong-core bindings` to rewrite it.

use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),*]
    };
}

/// The whole bindings file.
pub fn typescript() -> String {
    use crate::*;
    // IDs, counts and amounts stay far below 2^53, so JavaScript numbers hold them exactly.
    let cfg = Config::default().with_large_int("number");
    let decls = declarations![&cfg;
        error::ErrorKind,
        error::ErrorDto,
        vocab::Vocabulary,
        vocab::CategoryPosts,
        vocab::CareVocabulary,
        vocab::WorkerStatus,
        vocab::CadenceStatus,
        vocab::DifficultyStatus,
        vocab::VisitForm,
        vocab::AssessmentResult,
        vocab::PoliticalStatus,
        vocab::Category,
        vocab::Position,
        vocab::SecondmentKind,
        vocab::UnitLevel,
        vocab::ApprovalStatus,
        vocab::SecondmentPhase,
        vocab::ContractKind,
        vocab::ContractEndKind,
        vocab::ContractEndReason,
        vocab::ContractPhase,
        vocab::ProbationOutcome,
        vocab::ContractFlagKind,
        vocab::ContractFilter,
        settings::Settings,
        communities::CommunityInput,
        communities::Community,
        staffing::StaffingRow,
        staffing::Staffing,
        reminders::ReminderKind,
        reminders::Reminder,
        reminders::Reminders,
        workers::TeamBar,
        workers::TeamChart,
        workers::TeamProfile,
        stats::Count,
        stats::Stats,
        audit::FieldChange,
        audit::AuditEntry,
        workers::WorkerInput,
        workers::Worker,
        workers::WorkerDetail,
        workers::CertificateInput,
        workers::Certificate,
        workers::ExitInput,
        workers::ExitRecorded,
        workers::SortKey,
        workers::history::PostChangeInput,
        workers::history::Filing,
        workers::history::PostRecord,
        workers::history::EducationInput,
        workers::history::EducationRecord,
        workers::history::History,
        workers::history::FilingInput,
        workers::history::Unfiled,
        secondments::ApprovalInput,
        secondments::SecondmentInput,
        secondments::Secondment,
        secondments::AwayTag,
        secondments::RegisterCounts,
        secondments::Register,
        contracts::ContractInput,
        contracts::ProbationReview,
        contracts::ContractFlag,
        contracts::Contract,
        contracts::WorkerContracts,
        contracts::ContractSaved,
        contracts::EndInput,
        contracts::ReviewInput,
        contracts::ContractRules,
        contracts::DueRow,
        contracts::DueList,
        workers::RosterQuery,
        workers::RosterRow,
        workers::RosterPage,
        idcard::IdInfo,
        reports::ReportOptions,
        reports::ReportSheet,
        reports::ExportResult,
        reports::PrintResult,
        fill::RowKind,
        fill::FillSource,
        fill::FormColumn,
        fill::FormInspection,
        fill::FillOptions,
        fill::FillPreview,
        fill::FilledColumn,
        fill::FillResult,
        reports::ExportProgress,
        import::ImportField,
        import::FieldInfo,
        import::Inspection,
        import::SheetInfo,
        import::ColumnInfo,
        import::SheetChoice,
        import::ColumnMapping,
        import::RowAction,
        import::ImportOptions,
        import::CommunityChoice,
        import::ValueChoice,
        import::FieldDefault,
        import::RowStatus,
        import::RowIssue,
        import::PendingChoice,
        import::PlanRow,
        import::SkippedRow,
        import::CommunityMatch,
        import::CommunityPlan,
        import::SheetPlan,
        import::PlanCounts,
        import::ImportPlan,
        import::RememberedColumn,
        import::CommitChoices,
        import::RowChoice,
        import::ImportSummary,
        store::LedgerInfo,
        store::location::LedgerLocation,
        store::location::Moved,
        store::integrity::IntegrityCheck,
        store::offsite::OffsiteStatus,
        store::offsite::OffsiteInput,
        store::ExternalBackup,
        store::BackupFile,
        store::RestoreResult,
        training::ClassInput,
        training::TrainingClass,
        training::AttendeeInput,
        training::Attendance,
        training::ClassDetail,
        training::ExternalInput,
        training::ExternalTraining,
        training::TrainingEntry,
        training::CadenceRules,
        training::CadenceRow,
        training::TrainingBucket,
        training::Coverage,
        training::TrainingStats,
        care::PersonRef,
        care::CheckupAttendeeInput,
        care::CheckupRoundInput,
        care::CheckupRound,
        care::CheckupAttendee,
        care::CheckupDetail,
        care::WorkerCheckup,
        care::VisitBatchInput,
        care::VisitInput,
        care::Visit,
        care::ActivityInput,
        care::CareActivity,
        care::DifficultyInput,
        care::Difficulty,
        care::FestivalVisits,
        care::CareSummary,
        grades::GradeVocabulary,
        grades::GradeCategory,
        grades::PositionMapping,
        grades::SchemeInput,
        grades::Scheme,
        grades::DegreeCredit,
        grades::CertificateRule,
        grades::GradeRules,
        grades::AssessmentInput,
        grades::AssessmentBatch,
        grades::Assessment,
        grades::AssessmentSheetRow,
        grades::AssessmentSaved,
        grades::GradeRecordInput,
        grades::GradeRecord,
        grades::CurrentGrade,
        grades::Proposal,
        grades::Override,
        grades::ApplySummary,
        grades::GradeRun,
        grades::SalaryCell,
        grades::SalaryVersionInput,
        grades::SalaryVersion,
        grades::WorkerSalary,
        grades::UnitTotal,
        grades::SalaryTotals,
    ];
    let mut out = String::from(
        "// Generated from the Rust DTOs in src-tauri/core by `UPDATE_BINDINGS=1 cargo test -p shegong-core bindings`.\n// Do not edit by hand.\n\n",
    );
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_are_up_to_date() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings/index.ts");
        let expected = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
            std::fs::write(&path, &expected).expect("write bindings");
            return;
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "ui/src/bindings/index.ts is stale: run UPDATE_BINDINGS=1 cargo test -p shegong-core bindings"
        );
    }
}
