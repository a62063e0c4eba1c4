const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

function format(formatter: Intl.DateTimeFormat, value: string | null | undefined, empty: string) {
  if (!value) return empty
  const parsed = new Date(value)
  return Number.isNaN(parsed.getTime()) ? value : formatter.format(parsed)
}

export function formatDateTime(value: string | null | undefined, empty = '—') {
  return format(dateTime, value, empty)
}

export function formatDate(value: string | null | undefined, empty = '—') {
  return format(date, value, empty)
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' })

/** "now", "5 min. ago", "yesterday", or the date for anything older than a week. */
export function formatRelative(value: string | null | undefined, now: number = Date.now(), empty = '—') {
  if (!value) return empty
  const time = new Date(value).getTime()
  if (Number.isNaN(time)) return value
  const seconds = Math.round((time - now) / 1000)
  const abs = Math.abs(seconds)
  if (abs < 45) return 'now'
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour')
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day')
  return formatDate(value)
}
