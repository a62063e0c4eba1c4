import { PlusIcon } from 'lucide-react'
import { useState } from 'react'
import type { LlmProvider, LlmProviderType } from '@/api/types'
import { InputField, SelectField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { DialogFooter } from '@/components/ui/dialog'
import { Label } from '@/components/ui/label'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useCreateLlmProvider, useLlmProviderTypes, useUpdateLlmProvider, type ProviderBody } from '../api/llm'

const FIELDS = ['type', 'name', 'baseUrl', 'apiKey', 'model', 'temperature', 'maxOutputTokens']

function optionalNumber(text: string | undefined) {
  return text === undefined || text === '' ? undefined : Number(text)
}

interface FormProps {
  types: LlmProviderType[]
  provider?: LlmProvider
  onDone: () => void
}

function ProviderForm({ types, provider, onDone }: FormProps) {
  const create = useCreateLlmProvider()
  const update = useUpdateLlmProvider()
  const mutation = provider ? update : create
  const errors = fieldErrors(mutation.error)
  const [type, setType] = useState(provider?.type ?? types[0]?.type ?? 'openai')
  const [removeKey, setRemoveKey] = useState(false)
  const selected = types.find((entry) => entry.type === type)

  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        const values = readForm(event)
        const body: ProviderBody = {
          type,
          name: values.name,
          baseUrl: values.baseUrl,
          model: values.model || undefined,
          temperature: optionalNumber(values.temperature),
          maxOutputTokens: optionalNumber(values.maxOutputTokens),
        }
        if (provider) {
          // the key is write-only: send it only when typed, or empty to remove it
          const apiKey = removeKey ? '' : values.apiKey ? values.apiKey : undefined
          update.mutate({ id: provider.id, ...body, type: undefined, apiKey }, { onSuccess: onDone })
        } else {
          create.mutate({ ...body, apiKey: values.apiKey || undefined }, { onSuccess: onDone })
        }
      }}
    >
      <ProblemAlert error={mutation.error} fields={FIELDS} />
      {!provider && (
        <SelectField
          label="Provider"
          name="type"
          value={type}
          onChange={(event) => {
            setType(event.target.value)
            create.reset()
          }}
          error={errors.type}
        >
          {types.map((entry) => (
            <option key={entry.type} value={entry.type}>
              {entry.displayName}
            </option>
          ))}
        </SelectField>
      )}
      <InputField
        label="Name"
        name="name"
        required
        maxLength={100}
        defaultValue={provider?.name}
        placeholder="e.g. OpenAI production"
        error={errors.name}
      />
      <InputField
        label="Base URL"
        name="baseUrl"
        maxLength={500}
        defaultValue={provider?.baseUrl ?? ''}
        placeholder={selected?.defaultBaseUrl}
        hint="Leave empty for the provider's own API. Any OpenAI-compatible server (Groq, Together, vLLM, LM Studio) works with the OpenAI type."
        error={errors.baseUrl}
      />
      <InputField
        label="API key"
        name="apiKey"
        type="password"
        autoComplete="off"
        maxLength={500}
        disabled={removeKey}
        placeholder={provider?.hasApiKey ? 'Key set: type a new one to replace it' : selected?.requiresApiKey ? 'Required' : 'Optional'}
        hint="Stored encrypted and never shown again."
        error={errors.apiKey}
      />
      {provider?.hasApiKey && (
        <div className="flex items-center gap-2">
          <Checkbox id="remove-api-key" checked={removeKey} onCheckedChange={(checked) => setRemoveKey(checked === true)} />
          <Label htmlFor="remove-api-key">Remove the stored key</Label>
        </div>
      )}
      <InputField
        label="Model"
        name="model"
        maxLength={200}
        defaultValue={provider?.model}
        placeholder={selected?.defaultModel}
        error={errors.model}
      />
      <div className="grid grid-cols-2 gap-4">
        <InputField
          label="Temperature"
          name="temperature"
          type="number"
          min={0}
          max={2}
          step={0.1}
          defaultValue={provider?.temperature ?? ''}
          placeholder="default"
          error={errors.temperature}
        />
        <InputField
          label="Max output tokens"
          name="maxOutputTokens"
          type="number"
          min={1}
          step={1}
          defaultValue={provider?.maxOutputTokens ?? ''}
          placeholder="default"
          error={errors.maxOutputTokens}
        />
      </div>
      <DialogFooter>
        <SubmitButton pending={mutation.isPending}>{provider ? 'Save' : 'Add provider'}</SubmitButton>
      </DialogFooter>
    </form>
  )
}

export function ProviderDialog({ provider }: { provider?: LlmProvider }) {
  const [open, setOpen] = useState(false)
  const types = useLlmProviderTypes()
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        provider ? (
          <Button variant="outline" size="sm" aria-label={`Edit ${provider.name}`}>
            Edit
          </Button>
        ) : (
          <Button>
            <PlusIcon aria-hidden />
            Add provider
          </Button>
        )
      }
      title={provider ? 'Edit provider' : 'Add provider'}
      description={
        <>
          Agents try their providers in order; when one fails or is too slow the next answers, and the built-in
          offline responder comes last.
        </>
      }
      className="max-h-[90svh] overflow-y-auto"
    >
      {open && (
        <QueryState query={types}>
          {(available) => <ProviderForm types={available} provider={provider} onDone={() => setOpen(false)} />}
        </QueryState>
      )}
    </FormDialog>
  )
}
