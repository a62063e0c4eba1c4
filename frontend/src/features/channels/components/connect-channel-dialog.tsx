import { PlusIcon } from 'lucide-react'
import { useState } from 'react'
import type { Channel } from '@/api/types'
import { InputField, SelectField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { SubmitButton } from '@/components/submit-button'
import { CopyButton } from '@/components/copy-button'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { useResultDialog } from '@/hooks/use-result-dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { channelTypeLabel, readConfig } from '../api/channel-types'
import { useChannelTypes, useCreateChannel } from '../api/channels'
import { ConfigFields } from './config-fields'
import { SetupGuide } from './setup-guide'

interface Connected {
  channel: Channel
  verifyToken?: string
}

function ConnectChannelForm({ onConnected }: { onConnected: (connected: Connected) => void }) {
  const types = useChannelTypes()
  const create = useCreateChannel()
  const [type, setType] = useState<string>('')
  const [verifyToken, setVerifyToken] = useState('')
  const errors = fieldErrors(create.error)

  return (
    <QueryState query={types}>
      {(available) => {
        const selected = available.find((entry) => entry.type === type) ?? available[0]
        if (!selected) return <p className="text-sm text-muted-foreground">This server offers no channel types.</p>
        const fields = selected.configFields
        return (
          <form
            className="grid gap-4"
            onSubmit={(event) => {
              const values = readForm(event)
              const config = Object.fromEntries(Object.entries(readConfig(values)).filter(([, value]) => value !== ''))
              create.mutate(
                { type: selected.type, name: values.name, config },
                { onSuccess: (channel) => onConnected({ channel, verifyToken: config.verifyToken }) },
              )
            }}
          >
            <ProblemAlert
              error={create.error}
              fields={['type', 'name', ...fields.map((field) => `config.${field.name}`)]}
            />
            <SelectField
              label="Type"
              name="type"
              value={selected.type}
              onChange={(event) => {
                setType(event.target.value)
                create.reset()
              }}
              error={errors.type}
            >
              {available.map((entry) => (
                <option key={entry.type} value={entry.type}>
                  {channelTypeLabel(entry.type)}
                </option>
              ))}
            </SelectField>
            <InputField label="Name" name="name" required maxLength={100} placeholder="e.g. Support WhatsApp" error={errors.name} />
            <ConfigFields
              key={selected.type}
              fields={fields}
              errors={errors}
              onChange={(name, value) => name === 'verifyToken' && setVerifyToken(value)}
            />
            <SetupGuide type={selected.type} verifyToken={verifyToken} />
            <DialogFooter>
              <SubmitButton pending={create.isPending}>Connect</SubmitButton>
            </DialogFooter>
          </form>
        )
      }}
    </QueryState>
  )
}

function ConnectedChannel({ channel, verifyToken }: Connected) {
  return (
    <div className="grid gap-4">
      {channel.webhookUrl && (
        <div className="flex items-center gap-2">
          <code className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-xs break-all" data-testid="webhook-url">
            {channel.webhookUrl}
          </code>
          <CopyButton text={channel.webhookUrl} />
        </div>
      )}
      <SetupGuide type={channel.type} webhookUrl={channel.webhookUrl} verifyToken={verifyToken} />
      <DialogFooter>
        <DialogClose asChild>
          <Button>Done</Button>
        </DialogClose>
      </DialogFooter>
    </div>
  )
}

export function ConnectChannelDialog() {
  const { open, changeOpen, result: connected, setResult: setConnected } = useResultDialog<Connected | null>(null)

  return (
    <FormDialog
      open={open}
      onOpenChange={changeOpen}
      trigger={
        <Button>
          <PlusIcon aria-hidden />
          Connect channel
        </Button>
      }
      title={connected ? 'Channel connected' : 'Connect channel'}
      description={
        connected
          ? `“${connected.channel.name}” is ready. Finish the setup at the provider.`
          : 'Messages customers send on this channel arrive in the Inbox.'
      }
      className="max-h-[90svh] overflow-y-auto"
    >
      {connected ? <ConnectedChannel {...connected} /> : <ConnectChannelForm onConnected={setConnected} />}
    </FormDialog>
  )
}
