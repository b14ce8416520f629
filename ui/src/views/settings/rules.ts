// Pure helpers of the 设置 page.

/** 1.2 MB / 860 KB: enough to tell a full ledger from an empty one. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
