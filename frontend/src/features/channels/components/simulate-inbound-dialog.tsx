import { MessageSquarePlusIcon } from 'lucide-react'
import type { Channel } from '@/api/types'
import { InputField, TextareaField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { TextLink } from '@/components/text-link'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { useResultDialog } from '@/hooks/use-result-dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useSimulateInbound } from '../api/channels'

function SimulateInboundForm({ channel, onAccepted }: { channel: Channel; onAccepted: () => void }) {
  const simulate = useSimulateInbound()
  const errors = fieldErrors(simulate.error)
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        const { from, name, text } = readForm(event)
        simulate.mutate({ id: channel.id, from, name: name || undefined, text }, { onSuccess: onAccepted })
      }}
    >
      <ProblemAlert error={simulate.error} fields={['from', 'name', 'text']} />
      <InputField label="From" name="from" required autoFocus placeholder="+14155550123" hint="The customer's phone number or address." error={errors.from} />
      <InputField label="Contact name" name="name" maxLength={100} placeholder="Optional" error={errors.name} />
      <TextareaField label="Message" name="text" required maxLength={4096} error={errors.text} />
      <DialogFooter>
        <SubmitButton pending={simulate.isPending}>Simulate message</SubmitButton>
      </DialogFooter>
    </form>
  )
}

/** Sandbox channels only: inject a customer message through the same path as a provider webhook. */
export function SimulateInboundDialog({ channel }: { channel: Channel }) {
  const { open, changeOpen, result: accepted, setResult: setAccepted } = useResultDialog(false)
  return (
    <FormDialog
      open={open}
      onOpenChange={changeOpen}
      trigger={
        <Button variant="outline" size="sm" disabled={!channel.enabled} aria-label={`Simulate inbound message on ${channel.name}`}>
          <MessageSquarePlusIcon aria-hidden />
          Simulate inbound
        </Button>
      }
      title={accepted ? 'Message accepted' : 'Simulate inbound message'}
      description={
        accepted
          ? 'It shows up in the Inbox in a moment, as if the customer had sent it.'
          : `A customer message arrives on “${channel.name}” as a provider webhook would deliver it.`
      }
    >
      {accepted ? (
        <DialogFooter className="items-center">
          <TextLink to="/inbox">Open the Inbox</TextLink>
          <Button variant="outline" onClick={() => setAccepted(false)}>
            Send another
          </Button>
          <DialogClose asChild>
            <Button>Done</Button>
          </DialogClose>
        </DialogFooter>
      ) : (
        <SimulateInboundForm channel={channel} onAccepted={() => setAccepted(true)} />
      )}
    </FormDialog>
  )
}
