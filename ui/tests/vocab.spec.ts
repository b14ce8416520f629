// The typed label constants (src/vocab.ts): the same lists, in the same order, as core sends
// in the vocabulary (mirrored by the fixtures), and the helpers forms use.
import { describe, expect, it } from 'vitest'
import {
  CARE_STATUSES,
  Category,
  DifficultyStatus,
  IN_POST,
  PARTY_MEMBER_STATUSES,
  PoliticalStatus,
  Position,
  VisitForm,
  WorkerStatus,
  chosen,
  isOneOf,
} from '@/vocab'
import { vocabulary } from './fixtures'

describe('vocab', () => {
  it('lists every label in core order', () => {
    expect(Object.values(WorkerStatus)).toEqual(vocabulary.statuses)
    expect(Object.values(PoliticalStatus)).toEqual(vocabulary.politicalStatuses)
    expect(Object.values(Category)).toEqual(vocabulary.categories)
    expect(Object.values(Position)).toEqual(vocabulary.positions)
    expect(PARTY_MEMBER_STATUSES).toEqual(vocabulary.partyMemberStatuses)
    expect(Object.values(VisitForm)).toEqual(['走访', '慰问金', '慰问品'])
    expect(Object.values(DifficultyStatus)).toEqual(['待办理', '办理中', '已解决'])
  })

  it('names the sub-lists core uses for in post and care', () => {
    expect(IN_POST).toEqual(['试用期', '在岗'])
    expect(CARE_STATUSES).toEqual(['试用期', '在岗', '退休'])
  })

  it('narrows free text to a label', () => {
    expect(isOneOf(PARTY_MEMBER_STATUSES, '中共预备党员')).toBe(true)
    expect(isOneOf(PARTY_MEMBER_STATUSES, '群众')).toBe(false)
    expect(isOneOf(PARTY_MEMBER_STATUSES, '')).toBe(false)
  })

  it('turns an empty select into the validation error on its field', () => {
    expect(chosen<VisitForm>('慰问金', 'form', '慰问形式', VisitForm)).toBe('慰问金')
    expect(() => chosen<VisitForm>('', 'form', '慰问形式', VisitForm)).toThrow(
      expect.objectContaining({
        kind: 'validation',
        field: 'form',
        message: '请从列表中选择慰问形式（走访、慰问金、慰问品）。',
      }),
    )
  })
})
