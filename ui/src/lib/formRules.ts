// The checks a form runs while the clerk types (Element Plus FormItemRule), and the one
// conversion every form makes of what was typed. Core is the authority on every rule; these
// only catch the obvious before a round trip and must never be stricter than core.
//
// Gives: `required(message)` for a field that must be filled, `check(problem)` and
// `checkText(problem)` for a rule written as "what is wrong, or null", and `textOrNull`.
import type { FormItemRule } from 'element-plus'

type Trigger = 'change' | 'blur'
type Callback = (e?: Error) => void
/** What is wrong, in the clerk's words, or nothing. */
type Problem = string | null | undefined

const blank = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/** A required field, with the message that says what to fill. Spaces only are still blank. */
export function required(message: string, trigger: Trigger = 'change'): FormItemRule {
  return {
    required: true,
    trigger,
    validator: (_r: unknown, v: unknown, cb: Callback) => cb(blank(v) ? new Error(message) : undefined),
  }
}

/**
 * A rule built from a function that returns a message or nothing. It gets the field's value;
 * rules that read other fields of the form close over the form instead.
 */
export function check(problem: (value: unknown) => Problem, trigger: Trigger = 'blur'): FormItemRule {
  return {
    trigger,
    validator: (_r: unknown, v: unknown, cb: Callback) => {
      const p = problem(v)
      cb(p ? new Error(p) : undefined)
    },
  }
}

/** `check` for a text field: anything that is not text is checked as ''. */
export const checkText = (problem: (text: string) => Problem, trigger: Trigger = 'blur'): FormItemRule =>
  check((v) => problem(typeof v === 'string' ? v : ''), trigger)

/** Empty text is no value: the backend wants null. */
export const textOrNull = (s: string) => (s.trim() === '' ? null : s.trim())
