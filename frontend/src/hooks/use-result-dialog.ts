import { useState } from 'react'

/**
 * A dialog whose form, once it succeeds, gives way to a result (a created key, a queued message).
 * Closing the dialog forgets the result, so it opens on the form again.
 */
export function useResultDialog<T>(empty: T) {
  const [open, setOpen] = useState(false)
  const [result, setResult] = useState<T>(empty)
  const changeOpen = (next: boolean) => {
    setOpen(next)
    if (!next) setResult(empty)
  }
  return { open, changeOpen, result, setResult }
}
