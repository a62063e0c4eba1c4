/** Minor units as money: 2500 USD → "$25.00"; 0 → "Free". */
export function planPrice(minor: number, currency: string) {
  if (minor === 0) return 'Free'
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100)
}

export function orUnlimited(value: number | null | undefined, unit = '') {
  if (value === null || value === undefined) return 'Unlimited'
  return `${new Intl.NumberFormat().format(value)}${unit}`
}

/** Text field value → number, or null when empty (= unlimited). */
export function numberOrNull(value: string | undefined) {
  const v = (value ?? '').trim()
  return v === '' ? null : Number(v)
}
