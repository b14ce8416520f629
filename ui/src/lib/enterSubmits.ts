// Enter in a one-line input saves the form, so a clerk can fill a record with the keyboard.
// Not in a textarea (Enter is a new line), not in a select or date picker (Enter picks the
// option or confirms the typed date there), and not while an input method is composing
// Chinese (Enter then confirms the characters).
export function enterSubmits(submit: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229) return
    if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return
    const target = event.target
    if (!(target instanceof HTMLInputElement)) return
    if (target.closest('.el-select, .el-select-v2, .el-date-editor, .el-cascader, .el-autocomplete')) return
    event.preventDefault()
    // After the input's own change handling (el-input-number commits its value on change).
    setTimeout(submit, 0)
  }
}
