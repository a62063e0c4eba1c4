import { AlarmClockIcon } from 'lucide-react'
import { useState } from 'react'
import { InputField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { DialogFooter } from '@/components/ui/dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useUpdateConversation } from '../api/conversations'

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input wants it. */
function localInputValue(date: Date) {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

function tomorrowMorning() {
  const date = new Date()
  date.setDate(date.getDate() + 1)
  date.setHours(9, 0, 0, 0)
  return date
}

function SnoozeForm({ conversationId, onDone }: { conversationId: string; onDone: () => void }) {
  const update = useUpdateConversation(conversationId)
  const errors = fieldErrors(update.error)
  const [bounds] = useState(() => ({ min: localInputValue(new Date()), suggested: localInputValue(tomorrowMorning()) }))
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        const { until } = readForm(event)
        const date = new Date(until)
        update.mutate(
          { status: 'snoozed', snoozedUntil: Number.isNaN(date.getTime()) ? until : date.toISOString() },
          { onSuccess: onDone },
        )
      }}
    >
      <ProblemAlert error={update.error} fields={['snoozedUntil']} />
      <InputField
        label="Snooze until"
        name="until"
        type="datetime-local"
        required
        min={bounds.min}
        defaultValue={bounds.suggested}
        error={errors.snoozedUntil}
      />
      <DialogFooter>
        <SubmitButton pending={update.isPending}>Snooze</SubmitButton>
      </DialogFooter>
    </form>
  )
}

export function SnoozeDialog({ conversationId }: { conversationId: string }) {
  const [open, setOpen] = useState(false)
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="outline" size="sm">
          <AlarmClockIcon aria-hidden />
          Snooze
        </Button>
      }
      title="Snooze conversation"
      description="It leaves the open list until then, or until the customer writes again."
    >
      {open && <SnoozeForm conversationId={conversationId} onDone={() => setOpen(false)} />}
    </FormDialog>
  )
}
