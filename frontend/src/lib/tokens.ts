import { useSyncExternalStore } from 'react'

/** Keys in localStorage; the browser tests read them too. */
export const ACCESS_TOKEN_KEY = 'switchboard.accessToken'
export const REFRESH_TOKEN_KEY = 'switchboard.refreshToken'

export interface Tokens {
  accessToken: string
  refreshToken: string
}

const listeners = new Set<() => void>()

function notify() {
  listeners.forEach((listener) => listener())
}

export function getTokens(): Tokens | null {
  const accessToken = localStorage.getItem(ACCESS_TOKEN_KEY)
  const refreshToken = localStorage.getItem(REFRESH_TOKEN_KEY)
  return accessToken && refreshToken ? { accessToken, refreshToken } : null
}

export function setTokens({ accessToken, refreshToken }: Tokens) {
  localStorage.setItem(ACCESS_TOKEN_KEY, accessToken)
  localStorage.setItem(REFRESH_TOKEN_KEY, refreshToken)
  notify()
}

export function clearTokens() {
  localStorage.removeItem(ACCESS_TOKEN_KEY)
  localStorage.removeItem(REFRESH_TOKEN_KEY)
  notify()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  // Signing out in another tab signs out here too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === ACCESS_TOKEN_KEY) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

/** True while an access token is stored; re-renders when it comes or goes. */
export function useIsSignedIn() {
  return useSyncExternalStore(subscribe, () => getTokens() !== null)
}
