import { Navigate, Outlet, useLocation } from 'react-router'
import { useRedirectTarget } from '@/hooks/use-redirect-target'
import { useIsSignedIn } from '@/lib/tokens'

/** Routes inside need a session; without one (or when it ends) go to /login and come back after. */
export function RequireAuth() {
  const signedIn = useIsSignedIn()
  const location = useLocation()
  if (!signedIn) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />
  return <Outlet />
}

/** Sign-in pages: someone signed in goes on to where they were heading. */
export function GuestOnly() {
  const signedIn = useIsSignedIn()
  const target = useRedirectTarget()
  return signedIn ? <Navigate to={target} replace /> : <Outlet />
}
