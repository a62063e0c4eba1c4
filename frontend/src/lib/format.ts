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
