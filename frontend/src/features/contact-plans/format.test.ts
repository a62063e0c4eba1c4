import { describe, expect, it } from 'vitest'
import { numberOrNull, orUnlimited, planPrice } from './format'

describe('contact plan formatting', () => {
  it('shows a zero price as free and others as money', () => {
    expect(planPrice(0, 'USD')).toBe('Free')
    expect(planPrice(2500, 'USD')).toContain('25.00')
  })

  it('treats missing limits as unlimited', () => {
    expect(orUnlimited(null)).toBe('Unlimited')
    expect(orUnlimited(1000, ' replies')).toMatch(/1.000 replies/)
    expect(numberOrNull(' ')).toBeNull()
    expect(numberOrNull('90')).toBe(90)
  })
})
