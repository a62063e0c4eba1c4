import { useSearchParams } from 'react-router'
import { AuthCard } from '@/components/auth-card'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { TextLink } from '@/components/text-link'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useConfirmPasswordReset } from '../api/password-reset'
import { BackToSignIn } from './back-to-sign-in'

export function ResetPasswordForm() {
  const [searchParams] = useSearchParams()
  const token = searchParams.get('token') ?? ''
  const confirmReset = useConfirmPasswordReset()

  if (!token) {
    return (
      <AuthCard title="Choose a new password" footer={<TextLink to="/forgot-password">Request a new link</TextLink>}>
        <ProblemAlert error={new Error('This link has no reset token. Open the link from the email again.')} />
      </AuthCard>
    )
  }

  return (
    <AuthCard title="Choose a new password" footer={<BackToSignIn />}>
      {confirmReset.isSuccess ? (
        <Alert role="status" data-testid="password-reset-done">
          <AlertDescription>
            <p>
              Your password has been changed. <TextLink to="/login">Sign in</TextLink>
            </p>
          </AlertDescription>
        </Alert>
      ) : (
        <form
          className="grid gap-4"
          onSubmit={(event) => confirmReset.mutate({ token, password: readForm(event).password })}
        >
          <ProblemAlert error={confirmReset.error} fields={['password']} />
          <InputField
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            error={fieldErrors(confirmReset.error).password}
          />
          <SubmitButton pending={confirmReset.isPending}>Set new password</SubmitButton>
        </form>
      )}
    </AuthCard>
  )
}
