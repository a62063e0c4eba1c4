import { describe, expect, it } from 'vitest'
import { intervalLabel, windowLabel } from './retention'

describe('retention labels', () => {
  it('names the window', () => {
    expect(windowLabel(30)).toBe('30 days')
    expect(windowLabel(1)).toBe('1 day')
    expect(windowLabel(null)).toBe('Unlimited')
  })

  it('reads ISO-8601 intervals', () => {
    expect(intervalLabel('PT6H')).toBe('6 h')
    expect(intervalLabel('PT1H30M')).toBe('1 h 30 min')
    expect(intervalLabel('PT45S')).toBe('45 s')
    expect(intervalLabel('P1D')).toBe('P1D')
  })
})
