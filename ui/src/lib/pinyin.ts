// Finding a name in a drop-down as the roster search does: by part of the name, or by its
// pinyin initials ("gm" or "gmsq" for 光明社区). The initials come from core (the pinyin
// table lives there), carried with each option.

/** True when `query` is empty, part of `name`, or part of its `initials`. */
export function matchesName(query: string, name: string, initials: string): boolean {
  const q = query.trim()
  if (q === '') return true
  return name.includes(q) || initials.includes(q.toLowerCase())
}
