import { GiftIcon } from 'lucide-react'
import { useState } from 'react'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useGrantCredits } from '../api/billing'

function GrantForm({ onDone }: { onDone: () => void }) {
  const grant = useGrantCredits()
  // one key per opened dialog: a double submit or a retried request grants once
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const errors = fieldErrors(grant.error)
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        const values = readForm(event)
        grant.mutate(
          {
            amountMinor: Math.round(Number(values.amount ?? '0') * 100),
            reason: values.reason ?? '',
            idempotencyKey,
          },
          { onSuccess: onDone },
        )
      }}
    >
      <ProblemAlert error={grant.error} fields={['amountMinor', 'reason']} />
      <InputField
        label="Amount"
        name="amount"
        type="number"
        min="0.01"
        step="0.01"
        required
        autoFocus
        error={errors.amountMinor}
      />
      <InputField label="Reason" name="reason" required placeholder="Onboarding credit" error={errors.reason} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <SubmitButton pending={grant.isPending}>Grant</SubmitButton>
      </DialogFooter>
    </form>
  )
}

/** Admins (manual mode) and super admins add credits with a reason; the grant is audited. */
export function GrantCreditsDialog() {
  const [open, setOpen] = useState(false)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <GiftIcon aria-hidden />
          Grant credits
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Grant credits</DialogTitle>
          <DialogDescription>Adds credits to this organization. The grant and its reason go to the audit log.</DialogDescription>
        </DialogHeader>
        {open && <GrantForm onDone={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  )
}
