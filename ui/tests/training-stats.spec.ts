import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { TrainingStats } from '@/bindings'
import { mountView } from './mount'

vi.mock('@/api/training', () => ({ trainingStatistics: vi.fn() }))

import { trainingStatistics } from '@/api/training'
import Stats from '@/views/training/stats.vue'

const stats = (leaders: number, total: number): TrainingStats => ({
  year: 2026,
  asOf: '2026-12-05',
  classes: 3,
  attendances: 40,
  personHours: 320,
  byKind: [],
  byTier: [],
  leaders: { total, covered: leaders, percent: Math.round((leaders / total) * 1000) / 10 },
  others: { total: 30, covered: 30, percent: 100 },
  overdue: [],
})

afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

describe('training statistics', () => {
  it('shows "x / y 人（p%）" on the leaders bar below target as well as at it', async () => {
    for (const [covered, text] of [
      [7, '7 / 8 人（87.5%）'],
      [8, '8 / 8 人（100%）'],
    ] as const) {
      vi.mocked(trainingStatistics).mockResolvedValue(stats(covered, 8))
      const { wrapper } = mountView(Stats)
      await flushPromises()
      expect(wrapper.find('[data-test=coverage-leaders]').text()).toContain(text)
      expect(wrapper.find('[data-test=coverage-others]').text()).toContain('30 / 30 人（100%）')
      wrapper.unmount()
    }
  })
})
