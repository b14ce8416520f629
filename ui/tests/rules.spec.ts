import { describe, expect, it } from 'vitest'
import {
  categoryPositionProblem,
  idCheckChar,
  idNumberProblem,
  isValidIdNumber,
  normalizeIdNumber,
  normalizePhone,
  phoneProblem,
} from '@/views/workers/rules'
import { maskIdNumber, formatServiceMonths } from '@/views/workers/display'
import { defaultPeriod, lastYear, periodProblem, thisYear } from '@/views/reports/rules'
import { isoDate } from '@/lib/display'
import { vocabulary } from './fixtures'

describe('ID number (GB 11643 MOD 11-2)', () => {
  it('computes the check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X')
    expect(idCheckChar('44052418800101001')).toBe('4')
    expect(idCheckChar('1101051949123100')).toBeNull()
    expect(idCheckChar('1101051949123100A')).toBeNull()
  })

  it('accepts a valid number with check character X', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(idNumberProblem('11010519491231002X')).toBeNull()
  })

  it('rejects a wrong check character', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false)
    expect(idNumberProblem('110105194912310021')).toContain('校验位')
  })

  it('accepts lowercase x, spaces and full-width characters', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(true)
    expect(isValidIdNumber('110105 19491231 002X')).toBe(true)
    expect(isValidIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe(true)
    expect(normalizeIdNumber(' 110105\u300019491231002x ')).toBe('11010519491231002X')
  })

  it('says what is wrong', () => {
    expect(idNumberProblem('')).toBe('请填写身份证号。')
    expect(idNumberProblem('1101051949')).toContain('现在是 10 位')
    expect(idNumberProblem('11010519491231002X1')).toContain('现在是 19 位')
    expect(idNumberProblem('1101051949A231002X')).toContain('前 17 位只能是数字')
    expect(idNumberProblem('110105********002X')).toContain('被隐去')
    expect(idNumberProblem('110105****', false)).toContain('被隐去')
    expect(idNumberProblem('11010519491231002Y')).toContain('最后一位')
    // 1949-02-30 is not a date (the check character is computed to be right).
    const first17 = '11010519490230002'
    expect(idNumberProblem(first17 + idCheckChar(first17))).toContain('不是真实的日期')
  })

  it('stays quiet while the clerk is still typing a plausible number', () => {
    expect(idNumberProblem('', false)).toBeNull()
    expect(idNumberProblem('110105', false)).toBeNull()
    expect(idNumberProblem('11010A', false)).toContain('前 17 位只能是数字')
    expect(idNumberProblem('110105194912310021', false)).toContain('校验位')
  })
})

describe('phone', () => {
  it('accepts mainland mobiles in the forms core accepts', () => {
    expect(normalizePhone('13800138000')).toBe('13800138000')
    expect(normalizePhone('138-0013-8000')).toBe('13800138000')
    expect(normalizePhone('+86 138 0013 8000')).toBe('13800138000')
    expect(normalizePhone('１３８００１３８０００')).toBe('13800138000')
    expect(normalizePhone('19912345678')).toBe('19912345678')
  })

  it('rejects other numbers', () => {
    expect(normalizePhone('12800138000')).toBeNull()
    expect(normalizePhone('1380013800')).toBeNull()
    expect(normalizePhone('138001380001')).toBeNull()
    expect(normalizePhone('0571-88001234')).toBeNull()
    expect(phoneProblem('12800138000')).toContain('11 位大陆手机号码')
    expect(phoneProblem('')).toBeNull()
  })

  it('only reports hopeless mistakes while typing', () => {
    expect(phoneProblem('138', false)).toBeNull()
    expect(phoneProblem('+8', false)).toBeNull()
    expect(phoneProblem('12', false)).not.toBeNull()
    expect(phoneProblem('138a', false)).not.toBeNull()
    expect(phoneProblem('138001380001', false)).not.toBeNull()
    expect(phoneProblem('138', true)).not.toBeNull()
  })
})

describe('display', () => {
  it('masks ID numbers as first 6 + 8 stars + last 4', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X')
  })

  it('shows service months as years and months', () => {
    expect(formatServiceMonths(0)).toBe('0个月')
    expect(formatServiceMonths(11)).toBe('11个月')
    expect(formatServiceMonths(24)).toBe('2年')
    expect(formatServiceMonths(31)).toBe('2年7个月')
  })
})

describe('report period', () => {
  const form = (periodFrom: string | null, periodTo: string | null, asOf = '2024-06-30') => ({
    asOf,
    periodFrom,
    periodTo,
    sheets: ['花名册'],
    fullIdNumbers: false,
    includeExited: false,
  })

  it('defaults to 1 January of the as-of year up to the as-of date', () => {
    expect(defaultPeriod('2024-06-30')).toEqual(['2024-01-01', '2024-06-30'])
    expect(isoDate(new Date(2024, 0, 5))).toBe('2024-01-05')
  })

  it('offers this year and the whole of last year as of its last day', () => {
    expect(thisYear('2025-03-09')).toEqual({ asOf: '2025-03-09', periodFrom: '2025-01-01', periodTo: '2025-03-09' })
    expect(lastYear('2025-03-09')).toEqual({ asOf: '2024-12-31', periodFrom: '2024-01-01', periodTo: '2024-12-31' })
  })

  it('wants both ends or neither, in order, not after the as-of date', () => {
    expect(periodProblem(form(null, null))).toBeNull()
    expect(periodProblem(form('2024-01-01', '2024-06-30'))).toBeNull()
    expect(periodProblem(form('2024-01-01', null))).toContain('结束日期')
    expect(periodProblem(form(null, '2024-06-30'))).toContain('开始日期')
    expect(periodProblem(form('2024-05-01', '2024-04-30'))).toContain('不能晚于结束日期')
    expect(periodProblem(form('2024-01-01', '2024-07-01'))).toContain('不能晚于统计截止日期 2024-06-30')
  })
})

describe('人员类别 × 职务 (core’s table, core’s message)', () => {
  const table = vocabulary.postsByCategory
  it('refuses a post the category may not hold, saying which categories may', () => {
    // The same words as core's test (workers/validate.rs, category_and_position_agree).
    expect(categoryPositionProblem('社区专职工作人员', '书记', table)).toBe(
      '职务“书记”属于两委成员，人员类别应为“两委专职成员”“两委兼职成员”或“挂职干部”，请修改人员类别或职务。',
    )
    expect(categoryPositionProblem('两委兼职成员', '专职工作人员', table)).toBe(
      '职务“专职工作人员”属于社区专职工作人员，人员类别应为“社区专职工作人员”或“挂职干部”，请修改人员类别或职务。',
    )
  })
  it('accepts the pairs of the table and waits for both choices', () => {
    expect(categoryPositionProblem('两委专职成员', '书记兼主任', table)).toBeNull()
    expect(categoryPositionProblem('两委兼职成员', '委员', table)).toBeNull()
    expect(categoryPositionProblem('社区专职工作人员', '专职工作人员', table)).toBeNull()
    expect(categoryPositionProblem('挂职干部', '副书记', table)).toBeNull()
    expect(categoryPositionProblem('', '书记', table)).toBeNull()
    expect(categoryPositionProblem('社区专职工作人员', '', table)).toBeNull()
    expect(categoryPositionProblem('社区专职工作人员', '书记', [])).toBeNull()
  })
})
