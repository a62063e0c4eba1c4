import { describe, expect, it } from 'vitest'
import { formatLimitValue, formatMoney, usageLevel } from './format'

describe('billing format', () => {
  it('warns at 80 % and stops at 100 %', () => {
    expect(usageLevel(79)).toBe('ok')
    expect(usageLevel(80)).toBe('warning')
    expect(usageLevel(100)).toBe('exceeded')
    expect(usageLevel(null)).toBe('ok')
  })

  it('shows minor units as money and null limits as unlimited', () => {
    expect(formatMoney(1050, 'USD')).toContain('10.50')
    expect(formatMoney(null)).toBe('Custom')
    expect(formatLimitValue('aiReplies', null)).toBe('Unlimited')
    expect(formatLimitValue('knowledgeBaseBytes', 10 * 1024 * 1024)).toBe('10 MB')
  })
})
