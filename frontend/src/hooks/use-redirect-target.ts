import { useLocation } from 'react-router'

/** Where to go after signing in: the page that sent the user to /login, else the app's home. */
export function useRedirectTarget(): string {
  const state: unknown = useLocation().state
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    const from = state.from
    // Only same-app paths, never "//other.host".
    if (from.startsWith('/') && !from.startsWith('//')) return from
  }
  return '/'
}
