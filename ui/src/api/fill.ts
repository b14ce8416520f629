// 填报上级表格: the county's form is chosen and kept on the Rust side (a native dialog there);
// the page sends only the clerk's choices.
import type { FillOptions, FillPreview, FillResult, FormInspection, RowKind } from '@/bindings'
import { call } from './invoke'

/** Shows the open dialog and reads the form. Null when the clerk cancels. */
export const fillChooseForm = () => call<FormInspection | null>('fill_choose_form')

/** The chosen form again: another sheet, or its rows read as another kind. */
export const fillInspect = (sheet: string | null, kind: RowKind | null) =>
  call<FormInspection>('fill_inspect', { sheet, kind })

/** The first rows as they will be filled. Writes nothing. */
export const fillPreview = (options: FillOptions) => call<FillPreview>('fill_preview', { options })

/** Fills the form into a copy (save dialog in Rust). Null when the clerk cancels. */
export const fillSave = (options: FillOptions) => call<FillResult | null>('fill_save', { options })
