import { PencilIcon, PlusIcon } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import type { QuickReply } from '@/api/types'
import { InputField, TextareaField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { QUICK_REPLY_VARIABLES, useCreateQuickReply, useUpdateQuickReply } from '../api/quick-replies'

const FIELDS = ['shortcut', 'title', 'body']

function QuickReplyForm({ reply, onDone }: { reply?: QuickReply; onDone: () => void }) {
  const create = useCreateQuickReply()
  const update = useUpdateQuickReply(reply?.id ?? '')
  const mutation = reply ? update : create
  const errors = fieldErrors(mutation.error)
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        const values = readForm(event)
        const input = { shortcut: values.shortcut ?? '', title: values.title ?? '', body: values.body ?? '' }
        mutation.mutate(input, { onSuccess: onDone })
      }}
    >
      <ProblemAlert error={mutation.error} fields={FIELDS} />
      <InputField
        label="Shortcut"
        name="shortcut"
        required
        autoFocus
        defaultValue={reply?.shortcut}
        placeholder="hours"
        hint="Type /hours in the composer to find it."
        error={errors.shortcut}
      />
      <InputField label="Title" name="title" required defaultValue={reply?.title} placeholder="Opening hours" error={errors.title} />
      <TextareaField
        label="Text"
        name="body"
        required
        rows={5}
        defaultValue={reply?.body}
        placeholder="Hi {{contact.first_name|there}}, we are open 9 to 5."
        hint={`Variables: ${QUICK_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(', ')}; a fallback after |, e.g. {{contact.first_name|there}}.`}
        error={errors.body}
      />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <SubmitButton pending={mutation.isPending}>{reply ? 'Save' : 'Create'}</SubmitButton>
      </DialogFooter>
    </form>
  )
}

/** Create a quick reply, or edit one when `reply` is given. */
export function QuickReplyDialog({ reply, trigger }: { reply?: QuickReply; trigger?: ReactNode }) {
  const [open, setOpen] = useState(false)
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        trigger ?? (
          <Button>
            <PlusIcon aria-hidden />
            New quick reply
          </Button>
        )
      }
      title={reply ? `Edit /${reply.shortcut}` : 'New quick reply'}
      description="Canned text your team inserts in the inbox by typing / and its shortcut."
    >
      {open && <QuickReplyForm reply={reply} onDone={() => setOpen(false)} />}
    </FormDialog>
  )
}

export function EditQuickReplyButton({ reply }: { reply: QuickReply }) {
  return (
    <QuickReplyDialog
      reply={reply}
      trigger={
        <Button variant="outline" size="sm" aria-label={`Edit /${reply.shortcut}`}>
          <PencilIcon aria-hidden />
          Edit
        </Button>
      }
    />
  )
}
