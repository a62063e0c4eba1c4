import { FileTextIcon, SendIcon } from 'lucide-react'
import { useState } from 'react'
import { ProblemAlert } from '@/components/problem-alert'
import { TextLink } from '@/components/text-link'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { Skeleton } from '@/components/ui/skeleton'
import { Spinner } from '@/components/ui/spinner'
import { missingVariables, sampleValues, useSendTemplate, useTemplatePreview, useUsableTemplates } from '../api/templates'

interface TemplatePickerProps {
  conversationId: string
  channelId: string
  /** Outside WhatsApp's window the button is the main way to answer, so it stands out. */
  prominent: boolean
}

/**
 * Picks one of the channel's approved templates, fills its variables (starting from the samples),
 * previews it as the contact will read it, and sends it.
 */
export function TemplatePicker({ conversationId, channelId, prominent }: TemplatePickerProps) {
  const [open, setOpen] = useState(false)
  const [templateId, setTemplateId] = useState<string>()
  // what the user typed, per template: switching templates back and forth keeps it
  const [edits, setEdits] = useState<Record<string, Record<string, string>>>({})
  const templates = useUsableTemplates(channelId, open)
  const send = useSendTemplate(conversationId)
  const items = templates.data ?? []
  const template = items.find((item) => item.id === templateId) ?? items[0]
  const values = template ? { ...sampleValues(template), ...edits[template.id] } : {}
  const preview = useTemplatePreview(template?.id, values)
  const missing = template ? missingVariables(template, values) : []

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        send.reset()
        if (!next) setTemplateId(undefined)
      }}
    >
      <DialogTrigger asChild>
        <Button type="button" size="sm" variant={prominent ? 'default' : 'ghost'} data-testid="template-picker-open">
          <FileTextIcon aria-hidden />
          Template
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Send a template</DialogTitle>
          <DialogDescription>
            Approved templates can be sent at any time, also outside WhatsApp&apos;s 24-hour window.
          </DialogDescription>
        </DialogHeader>
        {templates.isPending ? (
          <div className="grid gap-2" aria-busy="true" aria-label="Loading templates">
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : templates.isError ? (
          <ProblemAlert error={templates.error} />
        ) : !template ? (
          <p className="text-sm text-muted-foreground" data-testid="template-picker-empty">
            This channel has no approved templates yet.{' '}
            <TextLink to="/templates">Create one on the Templates page</TextLink>; WhatsApp reviews it before it can be
            sent.
          </p>
        ) : (
          <form
            id="template-picker-form"
            className="grid gap-3"
            onSubmit={(event) => {
              event.preventDefault()
              if (missing.length > 0 || send.isPending) return
              send.mutate({ template, values }, { onSuccess: () => setOpen(false) })
            }}
          >
            <div className="grid gap-1.5">
              <Label htmlFor="template-picker-template">Template</Label>
              <NativeSelect
                id="template-picker-template"
                value={template.id}
                onChange={(event) => setTemplateId(event.target.value)}
              >
                {items.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name} ({item.language})
                  </option>
                ))}
              </NativeSelect>
            </div>
            {template.variables.map((variable) => {
              const id = `template-variable-${variable.name}`
              const value = values[variable.name] ?? ''
              return (
                <div key={variable.name} className="grid gap-1.5">
                  <Label htmlFor={id}>{`{{${variable.name}}}`}</Label>
                  <Input
                    id={id}
                    value={value}
                    placeholder={variable.sample}
                    aria-invalid={!value.trim() || undefined}
                    onChange={(event) =>
                      setEdits({ ...edits, [template.id]: { ...edits[template.id], [variable.name]: event.target.value } })
                    }
                  />
                </div>
              )
            })}
            <div className="grid gap-1 rounded-md border bg-muted/40 p-3 text-sm" data-testid="template-picker-preview">
              {preview.data ? (
                <>
                  {preview.data.header && <strong>{preview.data.header}</strong>}
                  <p className="whitespace-pre-wrap">{preview.data.body}</p>
                  {preview.data.footer && <span className="text-xs text-muted-foreground">{preview.data.footer}</span>}
                </>
              ) : (
                <Skeleton className="h-10 w-full" />
              )}
            </div>
            {missing.length > 0 && (
              <p className="text-sm text-destructive" role="alert">
                Fill in {missing.map((name) => `{{${name}}}`).join(', ')}: WhatsApp rejects a template with an empty
                variable.
              </p>
            )}
            <ProblemAlert error={send.error ?? preview.error} />
          </form>
        )}
        <DialogFooter>
          <Button
            type="submit"
            form="template-picker-form"
            disabled={!template || missing.length > 0 || send.isPending}
            aria-busy={send.isPending || undefined}
          >
            {send.isPending ? <Spinner aria-hidden /> : <SendIcon aria-hidden />}
            Send template
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
