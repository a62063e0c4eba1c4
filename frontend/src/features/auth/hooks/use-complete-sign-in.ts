import { useNavigate } from 'react-router'
import type { Session } from '@/api/types'
import { useRedirectTarget } from '@/hooks/use-redirect-target'
import { useStartSession } from '@/lib/auth'

/** Keeps the new session and continues to where the user was heading. */
export function useCompleteSignIn() {
  const startSession = useStartSession()
  const navigate = useNavigate()
  const target = useRedirectTarget()
  return (session: Session) => {
    startSession(session)
    navigate(target, { replace: true })
  }
}
