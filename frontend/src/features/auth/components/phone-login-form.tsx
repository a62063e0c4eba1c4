import { useState } from 'react'
import { AuthCard } from '@/components/auth-card'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useRequestOtp, useVerifyOtp } from '../api/phone-login'
import { useCompleteSignIn } from '../hooks/use-complete-sign-in'
import { BackToSignIn } from './back-to-sign-in'
import { OneTimeCodeField } from '@/components/one-time-code-field'

function deliveryNote(delivery: string, expiresInSeconds: number) {
  const minutes = Math.max(1, Math.round(expiresInSeconds / 60))
  const where = delivery === 'log' ? 'No SMS gateway is configured: the code is in the server log. ' : ''
  return `${where}The code expires in ${minutes} minute${minutes === 1 ? '' : 's'}.`
}

/** Sign in with a one-time code sent to the phone number of the account. */
export function PhoneLoginForm() {
  const requestOtp = useRequestOtp()
  const verifyOtp = useVerifyOtp()
  const completeSignIn = useCompleteSignIn()
  const [phone, setPhone] = useState<string | null>(null)

  if (phone === null || !requestOtp.data) {
    return (
      <AuthCard title="Sign in with phone" description="We send a 6-digit code to your phone." footer={<BackToSignIn />}>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            const values = readForm(event)
            requestOtp.mutate(values.phone, { onSuccess: () => setPhone(values.phone) })
          }}
        >
          <ProblemAlert error={requestOtp.error} fields={['phone']} />
          <InputField
            label="Phone number"
            name="phone"
            type="tel"
            autoComplete="tel"
            placeholder="+15551234567"
            required
            error={fieldErrors(requestOtp.error).phone}
          />
          <SubmitButton pending={requestOtp.isPending}>Send code</SubmitButton>
        </form>
      </AuthCard>
    )
  }

  return (
    <AuthCard
      title="Enter your code"
      description={`We sent a code to ${phone}. ${deliveryNote(requestOtp.data.delivery, requestOtp.data.expiresInSeconds)}`}
      footer={
        <Button
          variant="link"
          className="h-auto p-0"
          onClick={() => {
            requestOtp.reset()
            verifyOtp.reset()
            setPhone(null)
          }}
        >
          Use a different number
        </Button>
      }
    >
      <form
        className="grid gap-4"
        onSubmit={(event) => {
          const { code } = readForm(event)
          verifyOtp.mutate({ phone, code }, { onSuccess: completeSignIn })
        }}
      >
        <ProblemAlert error={verifyOtp.error} fields={['code']} />
        <OneTimeCodeField label="Verification code" autoFocus error={fieldErrors(verifyOtp.error).code} />
        <SubmitButton pending={verifyOtp.isPending}>Verify</SubmitButton>
      </form>
    </AuthCard>
  )
}
