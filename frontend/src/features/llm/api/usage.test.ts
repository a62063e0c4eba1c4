import { describe, expect, it } from 'vitest'
import { dailySeries, dollarsToMicros, formatMicros, microsToDollars } from './usage'

const row = (day: string, providerName: string, input: number, output: number, costMicros: number) => ({
  day,
  providerId: providerName,
  providerName,
  calls: 1,
  failedCalls: 0,
  inputTokens: input,
  outputTokens: output,
  costMicros,
})

describe('dailySeries', () => {
  it('fills every day of the range and sums providers', () => {
    const series = dailySeries(
      [row('2026-11-02', 'a', 100, 10, 500), row('2026-11-02', 'b', 50, 5, 250), row('2026-11-04', 'a', 1, 1, 0)],
      '2026-11-01',
      '2026-11-04',
    )
    expect(series.map((d) => d.day)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'])
    expect(series[1]).toMatchObject({ inputTokens: 150, outputTokens: 15, calls: 2, cost: 0.00075 })
    expect(series[0].calls).toBe(0)
  })

  it('crosses month ends', () => {
    expect(dailySeries([], '2026-01-30', '2026-02-02').map((d) => d.day)).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
    ])
  })
})

describe('prices', () => {
  it('converts dollars per million tokens to micros and back', () => {
    expect(dollarsToMicros('0.15')).toBe(150_000)
    expect(dollarsToMicros('10')).toBe(10_000_000)
    expect(dollarsToMicros('-1')).toBeNull()
    expect(dollarsToMicros('abc')).toBeNull()
    expect(microsToDollars(2_500_000)).toBe('2.5')
  })

  it('shows sub-cent costs with enough digits', () => {
    expect(formatMicros(360)).toBe('$0.000360')
    expect(formatMicros(12_340_000)).toBe('$12.34')
    expect(formatMicros(0)).toBe('$0.00')
  })
})
