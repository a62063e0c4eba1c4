import { PlusIcon } from 'lucide-react'
import { useState } from 'react'
import { InputField, SelectField, TextareaField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { fieldErrors } from '@/lib/problem'
import { renderTemplate, templateVariables, useChannels, useCreateTemplate } from '../api/campaigns'

const FIELDS = ['channelId', 'name', 'language', 'category', 'header', 'body', 'footer', 'variables', 'buttons']

function TemplateForm({ onDone }: { onDone: () => void }) {
  const channels = useChannels()
  const create = useCreateTemplate()
  const errors = fieldErrors(create.error)
  const [header, setHeader] = useState('')
  const [body, setBody] = useState('')
  const [footer, setFooter] = useState('')
  const [samples, setSamples] = useState<Record<string, string>>({})
  const [quickReplies, setQuickReplies] = useState('')
  const variables = templateVariables(header, body)
  const channelList = channels.data?.items ?? []
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault()
        const form = new FormData(event.currentTarget)
        create.mutate(
          {
            channelId: String(form.get('channelId') ?? ''),
            name: String(form.get('name') ?? ''),
            language: String(form.get('language') ?? ''),
            category: String(form.get('category') ?? 'marketing'),
            header: header || undefined,
            body,
            footer: footer || undefined,
            buttons: quickReplies
              .split(',')
              .map((text) => text.trim())
              .filter((text) => text.length > 0)
              .map((text) => ({ type: 'quick_reply', text })),
            variables: variables.map((name) => ({ name, sample: samples[name] ?? '' })),
          },
          { onSuccess: onDone },
        )
      }}
    >
      <ProblemAlert error={create.error} fields={FIELDS} />
      <SelectField label="Channel" name="channelId" required error={errors.channelId}>
        {channelList.map((channel) => (
          <option key={channel.id} value={channel.id}>
            {channel.name} ({channel.type})
          </option>
        ))}
      </SelectField>
      <div className="grid grid-cols-2 gap-4">
        <InputField label="Name" name="name" required placeholder="order_ready" hint="Lower case, digits and _" error={errors.name} />
        <InputField label="Language" name="language" required defaultValue="en" placeholder="en_US" error={errors.language} />
      </div>
      <SelectField label="Category" name="category" defaultValue="marketing" error={errors.category}>
        <option value="marketing">Marketing</option>
        <option value="utility">Utility</option>
        <option value="authentication">Authentication</option>
      </SelectField>
      <InputField label="Header (optional)" name="header" value={header} onChange={(e) => setHeader(e.target.value)} error={errors.header} />
      <TextareaField
        label="Body"
        name="body"
        required
        rows={4}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder="Hello {{1}}, your order {{2}} is ready."
        hint="Variables: {{1}}, {{2}} … or named like {{first_name}} (one kind per template)."
        error={errors.body}
      />
      <InputField label="Footer (optional)" name="footer" value={footer} onChange={(e) => setFooter(e.target.value)} error={errors.footer} />
      <InputField
        label="Quick reply buttons (optional)"
        name="quickReplies"
        value={quickReplies}
        onChange={(e) => setQuickReplies(e.target.value)}
        placeholder="Yes, No"
        hint="Comma separated, up to 10"
        error={errors.buttons}
      />
      {variables.map((name) => (
        <InputField
          key={name}
          label={`Sample for {{${name}}}`}
          name={`sample-${name}`}
          required
          value={samples[name] ?? ''}
          onChange={(e) => setSamples({ ...samples, [name]: e.target.value })}
          error={errors.variables}
        />
      ))}
      <div className="rounded-md border bg-muted/40 p-3 text-sm" data-testid="template-preview">
        <p className="mb-1 text-xs font-medium text-muted-foreground">Preview</p>
        {header && <p className="font-semibold">{renderTemplate(header, samples)}</p>}
        <p className="whitespace-pre-wrap">{renderTemplate(body, samples) || '…'}</p>
        {footer && <p className="mt-1 text-xs text-muted-foreground">{footer}</p>}
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <SubmitButton pending={create.isPending}>Create</SubmitButton>
      </DialogFooter>
    </form>
  )
}

export function TemplateDialog() {
  const [open, setOpen] = useState(false)
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      className="max-h-[90vh] overflow-y-auto"
      trigger={
        <Button>
          <PlusIcon aria-hidden />
          New template
        </Button>
      }
      title="New template"
      description="WhatsApp templates are reviewed by Meta after you submit them; SMS, web chat and sandbox templates are usable at once."
    >
      {open && <TemplateForm onDone={() => setOpen(false)} />}
    </FormDialog>
  )
}
