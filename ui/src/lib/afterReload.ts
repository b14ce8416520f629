// A message that must outlive a window reload (after a restore every page reloads from the
// restored ledger): kept in sessionStorage, shown once by the app when it starts again.
const KEY = 'shegong.afterReload'

/** Reloads the window, and has the app show `message` once it is back. */
export function reloadWithNotice(message: string) {
  sessionStorage.setItem(KEY, message)
  window.location.reload()
}

/** The message left by `reloadWithNotice`, once. */
export function takeNoticeAfterReload(): string | null {
  const message = sessionStorage.getItem(KEY)
  if (message !== null) sessionStorage.removeItem(KEY)
  return message
}
