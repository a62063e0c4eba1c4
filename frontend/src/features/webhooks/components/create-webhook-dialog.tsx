import { PlusIcon } from 'lucide-react'
import { useState } from 'react'
import type { WebhookEndpointCreated } from '@/api/types'
import { InputField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { useResultDialog } from '@/hooks/use-result-dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useCreateWebhook, useWebhookEventTypes } from '../api/webhooks'
import { EventCheckboxes } from './event-checkboxes'
import { NewSecret } from './new-secret'

function CreateWebhookForm({ onCreated }: { onCreated: (created: WebhookEndpointCreated) => void }) {
  const create = useCreateWebhook()
  const eventTypes = useWebhookEventTypes()
  const [events, setEvents] = useState<string[]>(['message.received'])
  const errors = fieldErrors(create.error)
  const eventsError =
    errors.events ??
    Object.entries(errors).find(([field]) => field.startsWith('events['))?.[1] ??
    (events.length === 0 ? 'Pick at least one event.' : undefined)
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        const form = readForm(event)
        create.mutate(
          { url: form.url, description: form.description || undefined, events, enabled: true },
          { onSuccess: onCreated },
        )
      }}
    >
      <ProblemAlert error={create.error} fields={['url', 'description', 'events']} />
      <InputField
        label="Endpoint URL"
        name="url"
        type="url"
        required
        autoFocus
        placeholder="https://example.com/webhooks/switchboard"
        error={errors.url}
        hint="Private, loopback and link-local addresses are refused unless the operator allows them."
      />
      <InputField label="Description" name="description" placeholder="e.g. CRM sync" error={errors.description} />
      {eventTypes.data && (
        <EventCheckboxes types={eventTypes.data} value={events} onChange={setEvents} error={eventsError} />
      )}
      <ProblemAlert error={eventTypes.error} />
      <DialogFooter>
        <SubmitButton pending={create.isPending} disabled={events.length === 0}>
          Add endpoint
        </SubmitButton>
      </DialogFooter>
    </form>
  )
}

export function CreateWebhookDialog() {
  const { open, changeOpen, result: created, setResult: setCreated } = useResultDialog<WebhookEndpointCreated | null>(
    null,
  )
  return (
    <FormDialog
      open={open}
      onOpenChange={changeOpen}
      className="max-h-[90vh] overflow-y-auto sm:max-w-2xl"
      trigger={
        <Button>
          <PlusIcon aria-hidden />
          Add endpoint
        </Button>
      }
      title={created ? 'Endpoint added' : 'Add webhook endpoint'}
      description={
        created
          ? `Events are now sent to ${created.endpoint.url}.`
          : 'Switchboard POSTs signed JSON to this URL when the chosen events happen.'
      }
    >
      {created ? (
        <>
          <NewSecret secret={created.secret} />
          <DialogFooter>
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </DialogFooter>
        </>
      ) : (
        <CreateWebhookForm onCreated={setCreated} />
      )}
    </FormDialog>
  )
}
