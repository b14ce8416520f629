// Enter in a one-line input saves the form, so a clerk can fill a record with the keyboard.
// Not in a textarea (Enter is a new line), not in a select or date picker (Enter picks the
// option or confirms the typed date there), and not while an input method is composing
// Chinese (Enter then confirms the characters).
// Ctrl+Enter saves from anywhere in the form, a textarea or an open select included.
export function enterSubmits(submit: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229) return
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey) {
      // Bound in the capture phase (a select stops its Enter): the field never sees this one.
      event.preventDefault()
      event.stopPropagation()
      setTimeout(submit, 0)
      return
    }
    if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return
    const target = event.target
    // A form's last field may be a textarea marked data-enter-saves (Shift+Enter: new line).
    const lastTextarea = target instanceof HTMLTextAreaElement && target.closest('[data-enter-saves]') !== null
    if (!(target instanceof HTMLInputElement) && !lastTextarea) return
    if (target.closest('.el-select, .el-select-v2, .el-date-editor, .el-cascader, .el-autocomplete')) return
    event.preventDefault()
    // After the input's own change handling (el-input-number commits its value on change).
    setTimeout(submit, 0)
  }
}
