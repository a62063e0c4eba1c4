import { OneTimeCodeField } from '@/components/one-time-code-field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'

interface TotpCodeFormProps {
  onSubmit: (code: string) => void
  pending: boolean
  error: unknown
  submitLabel: string
  destructive?: boolean
}

/** Asks for the code the authenticator app shows. */
export function TotpCodeForm({ onSubmit, pending, error, submitLabel, destructive }: TotpCodeFormProps) {
  return (
    <form className="grid max-w-xs gap-4" onSubmit={(event) => onSubmit(readForm(event).code)}>
      <ProblemAlert error={error} fields={['code']} />
      <OneTimeCodeField
        label="Authentication code"
        hint="The 6-digit code your authenticator app shows now."
        error={fieldErrors(error).code}
      />
      <SubmitButton pending={pending} variant={destructive ? 'destructive' : 'default'}>
        {submitLabel}
      </SubmitButton>
    </form>
  )
}
