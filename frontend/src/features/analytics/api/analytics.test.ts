import { describe, expect, it } from 'vitest'
import { formatDuration, formatPercent, lastDays } from './analytics'

describe('analytics formatting', () => {
  it('counts whole days in the time zone, today included', () => {
    const now = new Date('2026-03-11T23:30:00Z')
    expect(lastDays(7, 'UTC', now)).toEqual({ from: '2026-03-05', to: '2026-03-11' })
    // already 12 March in Tokyo
    expect(lastDays(1, 'Asia/Tokyo', now)).toEqual({ from: '2026-03-12', to: '2026-03-12' })
  })

  it('shows durations and rates people can read', () => {
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(30)).toBe('30 s')
    expect(formatDuration(600)).toBe('10 min')
    expect(formatDuration(7200)).toBe('2.0 h')
    expect(formatPercent(0.5)).toBe('50 %')
    expect(formatPercent(null)).toBe('—')
  })
})
