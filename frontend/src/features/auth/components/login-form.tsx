import { useState } from 'react'
import type { MfaChallenge } from '@/api/types'
import { AuthCard } from '@/components/auth-card'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { TextLink } from '@/components/text-link'
import { isMfaChallenge } from '@/lib/auth'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useLogin } from '../api/login'
import { useCompleteSignIn } from '../hooks/use-complete-sign-in'
import { TotpLoginForm } from './totp-login-form'

const FIELDS = ['email', 'password']

export function LoginForm() {
  const login = useLogin()
  const completeSignIn = useCompleteSignIn()
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null)

  if (challenge) return <TotpLoginForm mfaToken={challenge.mfaToken} onCancel={() => setChallenge(null)} />

  const errors = fieldErrors(login.error)
  return (
    <AuthCard
      title="Sign in to Switchboard"
      description="Use the email and password of your account."
      footer={
        <>
          <TextLink to="/signup">Create an account</TextLink>
          <TextLink to="/forgot-password">Forgot password?</TextLink>
          <TextLink to="/login/phone">Sign in with phone</TextLink>
        </>
      }
    >
      <form
        className="grid gap-4"
        onSubmit={(event) => {
          const { email, password } = readForm(event)
          login.mutate(
            { email, password },
            { onSuccess: (answer) => (isMfaChallenge(answer) ? setChallenge(answer) : completeSignIn(answer)) },
          )
        }}
      >
        <ProblemAlert error={login.error} fields={FIELDS} />
        <InputField label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <InputField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <SubmitButton pending={login.isPending}>Sign in</SubmitButton>
      </form>
    </AuthCard>
  )
}
