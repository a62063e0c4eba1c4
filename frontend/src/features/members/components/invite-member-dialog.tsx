import { UserPlusIcon } from 'lucide-react'
import { useState } from 'react'
import type { Role } from '@/api/types'
import { InputField, SelectField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { DialogFooter } from '@/components/ui/dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useCreateInvitation } from '../api/invitations'
import { RoleOptions } from './role-options'

function InviteForm({ onDone }: { onDone: () => void }) {
  const invite = useCreateInvitation()
  const errors = fieldErrors(invite.error)
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        const { email, role } = readForm(event)
        invite.mutate({ email, role: role as Role }, { onSuccess: onDone })
      }}
    >
      <ProblemAlert error={invite.error} fields={['email', 'role']} />
      <InputField label="Email" name="email" type="email" required autoFocus error={errors.email} />
      <SelectField label="Role" name="role" defaultValue="agent" error={errors.role}>
        <RoleOptions />
      </SelectField>
      <DialogFooter>
        <SubmitButton pending={invite.isPending}>Send invitation</SubmitButton>
      </DialogFooter>
    </form>
  )
}

export function InviteMemberDialog() {
  const [open, setOpen] = useState(false)
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button>
          <UserPlusIcon aria-hidden />
          Invite member
        </Button>
      }
      title="Invite member"
      description="We email them a link to join this organization."
    >
      <InviteForm onDone={() => setOpen(false)} />
    </FormDialog>
  )
}
