import { useState } from 'react'
import { InputField } from '@/components/field'
import { OneTimeCodeField } from '@/components/one-time-code-field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useRequestPortalCode, useVerifyPortalCode } from '../api/portal'

function deliveryNote(delivery: string, expiresInSeconds: number) {
  const minutes = Math.max(1, Math.round(expiresInSeconds / 60))
  const where = delivery === 'log' ? 'No SMS gateway is configured: the code is in the server log. ' : ''
  return `${where}The code expires in ${minutes} minute${minutes === 1 ? '' : 's'}.`
}

/** Phone number, then the 6-digit code; hands the contact token to {@code onSignedIn}. */
export function PortalSignIn({ orgId, onSignedIn }: { orgId: string; onSignedIn: (token: string) => void }) {
  const requestCode = useRequestPortalCode(orgId)
  const verify = useVerifyPortalCode(orgId)
  const [phone, setPhone] = useState<string | null>(null)

  if (phone === null || !requestCode.data) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Your plan</CardTitle>
          <CardDescription>Sign in with the phone number you chat with us from; we send you a 6-digit code.</CardDescription>
        </CardHeader>
        <CardContent>
          <form
            className="grid gap-4"
            noValidate
            onSubmit={(event) => {
              const values = readForm(event)
              requestCode.mutate(values.phone ?? '', { onSuccess: () => setPhone(values.phone ?? '') })
            }}
          >
            <ProblemAlert error={requestCode.error} fields={['phone']} />
            <InputField
              label="Phone number"
              name="phone"
              type="tel"
              autoComplete="tel"
              placeholder="+15551234567"
              required
              error={fieldErrors(requestCode.error).phone}
            />
            <SubmitButton pending={requestCode.isPending}>Send code</SubmitButton>
          </form>
        </CardContent>
      </Card>
    )
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Enter your code</CardTitle>
        <CardDescription>
          If {phone} is a number we know, a code is on its way. {deliveryNote(requestCode.data.delivery, requestCode.data.expiresInSeconds)}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(event) => {
            const { code } = readForm(event)
            verify.mutate({ phone, code: code ?? '' }, { onSuccess: (session) => onSignedIn(session.token) })
          }}
        >
          <ProblemAlert error={verify.error} fields={['code']} />
          <OneTimeCodeField label="Code" autoFocus error={fieldErrors(verify.error).code} />
          <SubmitButton pending={verify.isPending}>Sign in</SubmitButton>
        </form>
        <Button
          variant="link"
          className="h-auto justify-start p-0"
          onClick={() => {
            requestCode.reset()
            verify.reset()
            setPhone(null)
          }}
        >
          Use a different number
        </Button>
      </CardContent>
    </Card>
  )
}
