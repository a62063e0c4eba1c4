import { AuthCard } from '@/components/auth-card'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useRequestPasswordReset } from '../api/password-reset'
import { BackToSignIn } from './back-to-sign-in'

export function ForgotPasswordForm() {
  const requestReset = useRequestPasswordReset()
  return (
    <AuthCard
      title="Forgot password?"
      description="We email you a link to choose a new password."
      footer={<BackToSignIn />}
    >
      {requestReset.isSuccess ? (
        <Alert role="status" data-testid="password-reset-sent">
          <AlertDescription>
            If an account exists for {requestReset.variables}, we have sent it a link to reset the password.
          </AlertDescription>
        </Alert>
      ) : (
        <form
          className="grid gap-4"
          onSubmit={(event) => requestReset.mutate(readForm(event).email)}
        >
          <ProblemAlert error={requestReset.error} fields={['email']} />
          <InputField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            error={fieldErrors(requestReset.error).email}
          />
          <SubmitButton pending={requestReset.isPending}>Send reset link</SubmitButton>
        </form>
      )}
    </AuthCard>
  )
}
