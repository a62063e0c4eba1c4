/** Minor units (cents) as money: 1050 USD → "$10.50". */
export function formatMoney(minor: number | null | undefined, currency = 'USD') {
  if (minor === null || minor === undefined) return 'Custom'
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100)
}

const LIMIT_LABELS: Record<string, string> = {
  aiReplies: 'AI replies',
  callMinutesPerDay: 'Call minutes today',
  activeChannels: 'Active channels',
  agents: 'Agents',
  knowledgeBaseBytes: 'Knowledge base size',
  seats: 'Seats',
  concurrentCalls: 'Concurrent calls',
}

export function limitLabel(limit: string) {
  return LIMIT_LABELS[limit] ?? limit
}

export function formatLimitValue(limit: string, value: number | null | undefined) {
  if (value === null || value === undefined) return 'Unlimited'
  if (limit === 'knowledgeBaseBytes') {
    const mb = value / (1024 * 1024)
    return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`
  }
  return new Intl.NumberFormat().format(value)
}

/** ok below 80 %, warning from 80 %, exceeded at 100 %. */
export function usageLevel(percent: number | null | undefined): 'ok' | 'warning' | 'exceeded' {
  if (percent === null || percent === undefined) return 'ok'
  if (percent >= 100) return 'exceeded'
  if (percent >= 80) return 'warning'
  return 'ok'
}
