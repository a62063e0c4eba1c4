import { AuthCard } from '@/components/auth-card'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useTotpLogin } from '../api/login'
import { useCompleteSignIn } from '../hooks/use-complete-sign-in'
import { OneTimeCodeField } from '@/components/one-time-code-field'

interface TotpLoginFormProps {
  mfaToken: string
  onCancel: () => void
}

/** Second sign-in step for accounts with two-factor authentication. */
export function TotpLoginForm({ mfaToken, onCancel }: TotpLoginFormProps) {
  const totpLogin = useTotpLogin()
  const completeSignIn = useCompleteSignIn()
  return (
    <AuthCard
      title="Two-factor authentication"
      description="Enter the 6-digit code from your authenticator app."
      footer={
        <Button variant="link" className="h-auto p-0" onClick={onCancel}>
          Back to sign in
        </Button>
      }
    >
      <form
        className="grid gap-4"
        onSubmit={(event) => {
          const { code } = readForm(event)
          totpLogin.mutate({ mfaToken, code }, { onSuccess: completeSignIn })
        }}
      >
        <ProblemAlert error={totpLogin.error} fields={['code']} />
        <OneTimeCodeField label="Authentication code" autoFocus error={fieldErrors(totpLogin.error).code} />
        <SubmitButton pending={totpLogin.isPending}>Verify</SubmitButton>
      </form>
    </AuthCard>
  )
}
