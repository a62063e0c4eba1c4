import { useState } from 'react'
import type { Channel, ChannelConfigField } from '@/api/types'
import { InputField, SelectField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { DialogFooter } from '@/components/ui/dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { channelTypeLabel, configChanges, readConfig } from '../api/channel-types'
import { useAgentChoices, useChannelTypes, useUpdateChannel } from '../api/channels'
import { ConfigFields } from './config-fields'
import { SetupGuide } from './setup-guide'

function EditChannelForm({ channel, onDone }: { channel: Channel; onDone: () => void }) {
  const types = useChannelTypes()
  const update = useUpdateChannel()
  const agents = useAgentChoices()
  const errors = fieldErrors(update.error)
  // Unknown to this server's registry: still let the stored settings be edited.
  const fields: ChannelConfigField[] = types.data?.find((entry) => entry.type === channel.type)?.configFields ??
    Object.keys(channel.config).map((name) => ({ name, required: false, secret: false, description: '' }))

  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        const values = readForm(event)
        const config = configChanges(fields, channel.config, readConfig(values))
        const agentId = values.agentId ?? channel.agentId ?? ''
        const agentChanged = agentId !== (channel.agentId ?? '')
        update.mutate(
          {
            id: channel.id,
            name: values.name !== channel.name ? values.name : undefined,
            config: Object.keys(config).length > 0 ? config : undefined,
            agentId: agentChanged && agentId !== '' ? agentId : undefined,
            detachAgent: agentChanged && agentId === '' ? true : undefined,
          },
          { onSuccess: onDone },
        )
      }}
    >
      <ProblemAlert error={update.error} fields={['name', 'agentId', ...fields.map((field) => `config.${field.name}`)]} />
      <InputField label="Name" name="name" required maxLength={100} defaultValue={channel.name} error={errors.name} />
      <SelectField
        label="Agent"
        name="agentId"
        defaultValue={channel.agentId ?? ''}
        error={errors.agentId}
        disabled={agents.isPending}
        hint="The AI agent that answers messages on this channel; none leaves them to people."
      >
        <option value="">No agent (people answer)</option>
        {(agents.data?.items ?? []).map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name}
          </option>
        ))}
        {channel.agentId && !agents.data?.items.some((a) => a.id === channel.agentId) && (
          <option value={channel.agentId}>Current agent</option>
        )}
      </SelectField>
      <ConfigFields fields={fields} values={channel.config} secretsSet={channel.secretsSet} errors={errors} />
      <SetupGuide type={channel.type} webhookUrl={channel.webhookUrl} verifyToken={channel.config.verifyToken} />
      <DialogFooter>
        <SubmitButton pending={update.isPending}>Save</SubmitButton>
      </DialogFooter>
    </form>
  )
}

export function EditChannelDialog({ channel }: { channel: Channel }) {
  const [open, setOpen] = useState(false)
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="outline" size="sm" aria-label={`Edit ${channel.name}`}>
          Edit
        </Button>
      }
      title="Edit channel"
      description={
        <>
          {channelTypeLabel(channel.type)}. Secrets are never shown: type a new value to replace one.
        </>
      }
      className="max-h-[90svh] overflow-y-auto"
    >
      {open && <EditChannelForm channel={channel} onDone={() => setOpen(false)} />}
    </FormDialog>
  )
}
