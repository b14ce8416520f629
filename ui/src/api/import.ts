// Importing an Excel roster. The file is chosen and kept on the Rust side (a native dialog
// there); the page only sends the clerk's choices, and commit writes exactly the plan of the
// last preview.
import type {
  CommitChoices,
  ImportOptions,
  ImportPlan,
  ImportSummary,
  Inspection,
  SheetChoice,
} from '@/bindings'
import { call } from './invoke'

/** Shows the open dialog and inspects the file. Null when the clerk cancels. */
export const importChooseFile = () => call<Inspection | null>('import_choose_file')

/** What the import would do with these choices. Writes nothing. */
export const importPreview = (sheets: SheetChoice[], options: ImportOptions) =>
  call<ImportPlan>('import_preview', { sheets, options })

/** Writes the last previewed plan, after a backup, all or nothing. */
export const importCommit = (choices: CommitChoices) =>
  call<ImportSummary>('import_commit', { choices })

/** Saves the rejected rows with a 错误说明 column. The path, or null when cancelled. */
export const importSaveErrorReport = () => call<string | null>('import_save_error_report')

/** Saves the blank import template. The path, or null when cancelled. */
export const importSaveTemplate = () => call<string | null>('import_save_template')
