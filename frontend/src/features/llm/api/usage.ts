import type { LlmUsageRow } from '@/api/types'

export interface UsageDay {
  day: string
  inputTokens: number
  outputTokens: number
  /** in the currency unit, not micros */
  cost: number
  calls: number
  failedCalls: number
}

/** ISO date (YYYY-MM-DD) of a UTC day, `offset` days from `from`. */
function addDays(from: string, offset: number) {
  const date = new Date(`${from}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + offset)
  return date.toISOString().slice(0, 10)
}

/** One point per day from `from` to `to` (both included), providers summed; days without calls are zero. */
export function dailySeries(rows: readonly LlmUsageRow[], from: string, to: string): UsageDay[] {
  const byDay = new Map<string, UsageDay>()
  for (let offset = 0; ; offset++) {
    const day = addDays(from, offset)
    if (day > to || offset > 400) break
    byDay.set(day, { day, inputTokens: 0, outputTokens: 0, cost: 0, calls: 0, failedCalls: 0 })
  }
  for (const row of rows) {
    const entry = byDay.get(row.day)
    if (!entry) continue
    entry.inputTokens += row.inputTokens
    entry.outputTokens += row.outputTokens
    entry.cost += row.costMicros / 1_000_000
    entry.calls += row.calls
    entry.failedCalls += row.failedCalls
  }
  return [...byDay.values()]
}

/** Micros of the currency unit as dollars with enough digits for sub-cent costs. */
export function formatMicros(micros: number) {
  const value = micros / 1_000_000
  return `$${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 6 : 2)}`
}

/** A price per million tokens typed in dollars, in micros; null when it is not a number ≥ 0. */
export function dollarsToMicros(text: string): number | null {
  const trimmed = text.trim()
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null
  return Math.round(Number(trimmed) * 1_000_000)
}

export function microsToDollars(micros: number) {
  return String(micros / 1_000_000)
}
