import type { FormEvent } from 'react'

/** Prevents the browser submit and returns the form's text fields by name. */
export function readForm(event: FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault()
  const values: Record<string, string> = {}
  new FormData(event.currentTarget).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value.trim()
  })
  return values
}
