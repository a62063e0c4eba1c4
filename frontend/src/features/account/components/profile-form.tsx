import { CheckIcon } from 'lucide-react'
import type { User } from '@/api/types'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useUpdateProfile } from '../api/profile'

export function ProfileForm({ user }: { user: User }) {
  const update = useUpdateProfile()
  const errors = fieldErrors(update.error)
  return (
    <form
      className="grid max-w-md gap-4"
      onChange={() => update.isSuccess && update.reset()}
      onSubmit={(event) => {
        const { name, phone } = readForm(event)
        update.mutate({ name, phone: phone || null })
      }}
    >
      <ProblemAlert error={update.error} fields={['name', 'phone']} />
      <InputField label="Email" value={user.email} readOnly disabled hint="Your sign-in email cannot be changed here." />
      <InputField label="Name" name="name" defaultValue={user.name} autoComplete="name" required error={errors.name} />
      <InputField
        label="Phone"
        name="phone"
        type="tel"
        defaultValue={user.phone ?? ''}
        autoComplete="tel"
        placeholder="+15551234567"
        hint="Used to sign in with a one-time code."
        error={errors.phone}
      />
      <div className="flex items-center gap-3">
        <SubmitButton pending={update.isPending}>Save changes</SubmitButton>
        {update.isSuccess && (
          <span role="status" className="flex items-center gap-1 text-sm text-muted-foreground">
            <CheckIcon aria-hidden className="size-4 text-success" />
            Saved
          </span>
        )}
      </div>
    </form>
  )
}
