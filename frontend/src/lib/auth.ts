import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { api, unwrap } from '@/api/client'
import type { MfaChallenge, Session } from '@/api/types'
import { canManageOrganization } from './roles'
import { clearTokens, getTokens, setTokens, useIsSignedIn } from './tokens'

export const meQueryKey = ['me'] as const

/** The signed-in user, their current organisation and role, and all their organisations. */
export function useMe() {
  const signedIn = useIsSignedIn()
  return useQuery({
    queryKey: meQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/me')),
    enabled: signedIn,
  })
}

/** Login may answer with a TOTP challenge instead of a session. */
export function isMfaChallenge(value: Session | MfaChallenge): value is MfaChallenge {
  return value.mfaRequired === true && 'mfaToken' in value
}

/** Stores a new session's tokens and forgets everything cached for the previous one. */
export function useStartSession() {
  const queryClient = useQueryClient()
  return (session: Pick<Session, 'accessToken' | 'refreshToken'>) => {
    queryClient.clear()
    setTokens({ accessToken: session.accessToken, refreshToken: session.refreshToken })
  }
}

export function useSignOut() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: async () => {
      const refreshToken = getTokens()?.refreshToken
      if (refreshToken) await api.POST('/api/v1/auth/logout', { body: { refreshToken } })
    },
    onSettled: () => {
      clearTokens()
      queryClient.clear()
      navigate('/login', { replace: true })
    },
  })
}

/** Gets a session for another organisation of the user and reloads all data for it. */
export function useSwitchOrganization() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (organizationId: string) =>
      unwrap(api.POST('/api/v1/auth/switch', { body: { organizationId } })),
    onSuccess: async (session) => {
      setTokens({ accessToken: session.accessToken, refreshToken: session.refreshToken })
      await queryClient.invalidateQueries()
    },
  })
}

/** Whether the signed-in user is an owner or admin of the current organisation. */
export function useCanManageOrganization() {
  return canManageOrganization(useMe().data?.role)
}
