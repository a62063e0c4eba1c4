import type { ComponentProps } from 'react'
import { InputField } from '@/components/field'

type OneTimeCodeFieldProps = Omit<ComponentProps<typeof InputField>, 'name'>

/** A 6-digit code input (authenticator app or SMS), named "code". */
export function OneTimeCodeField({ hint = '6 digits', ...props }: OneTimeCodeFieldProps) {
  return (
    <InputField
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]{6}"
      maxLength={6}
      required
      hint={hint}
      {...props}
    />
  )
}
