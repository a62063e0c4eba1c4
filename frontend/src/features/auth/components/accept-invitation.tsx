import { useSearchParams } from 'react-router'
import type { InvitationPreview } from '@/api/types'
import { AuthCard } from '@/components/auth-card'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { SubmitButton } from '@/components/submit-button'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useAcceptInvitation, useInvitationPreview } from '../api/invitation'
import { useCompleteSignIn } from '../hooks/use-complete-sign-in'
import { BackToSignIn } from './back-to-sign-in'

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const accept = useAcceptInvitation()
  const completeSignIn = useCompleteSignIn()
  const errors = fieldErrors(accept.error)
  const newAccount = !invitation.accountExists
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        const { name, password } = readForm(event)
        accept.mutate(newAccount ? { token, name, password } : { token }, { onSuccess: completeSignIn })
      }}
    >
      <p className="text-sm" data-testid="invitation-summary">
        <strong>{invitation.email}</strong> is invited to join <strong>{invitation.organizationName}</strong> as{' '}
        <strong>{invitation.role}</strong>.
      </p>
      <ProblemAlert error={accept.error} fields={newAccount ? ['name', 'password'] : []} />
      {newAccount && (
        <>
          <InputField label="Name" name="name" autoComplete="name" required error={errors.name} />
          <InputField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            error={errors.password}
          />
        </>
      )}
      <SubmitButton pending={accept.isPending}>Accept invitation</SubmitButton>
    </form>
  )
}

export function AcceptInvitation() {
  const [searchParams] = useSearchParams()
  const token = searchParams.get('token') ?? ''
  const preview = useInvitationPreview(token)
  return (
    <AuthCard title="Join an organization" footer={<BackToSignIn />}>
      {token ? (
        <QueryState query={preview}>{(invitation) => <AcceptForm token={token} invitation={invitation} />}</QueryState>
      ) : (
        <ProblemAlert error={new Error('This link has no invitation token. Open the link from the email again.')} />
      )}
    </AuthCard>
  )
}
