import { FileJsonIcon, LayoutTemplateIcon, PlusIcon, SparklesIcon } from 'lucide-react'
import { useRef, useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { Field } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { fieldErrors } from '@/lib/problem'
import { useCreateFlow, useGenerateFlow, useImportFlow, useTemplates } from '../api/flows'
import type { FlowDocument, GeneratedFlow } from '../api/types'
import { parseDocument, STARTER_DOCUMENT } from '../lib/model'
import { FlowPreview } from './flow-preview'

export function CreateFlowDialog() {
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const create = useCreateFlow()
  const navigate = useNavigate()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const flow = await create.mutateAsync({ name, description: description || undefined, document: STARTER_DOCUMENT })
    navigate(`/flows/${flow.id}`)
  }

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button>
          <PlusIcon aria-hidden />
          Create flow
        </Button>
      }
      title="Create flow"
      description="Starts with a start node; build the rest on the canvas."
    >
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} className="grid gap-4">
        <Field label="Name" error={fieldErrors(create.error).name}>
          {(control) => <Input {...control} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Description">
          {(control) => <Textarea {...control} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <ProblemAlert error={create.error} fields={['name']} />
        <Button type="submit" disabled={create.isPending}>
          Create
        </Button>
      </form>
    </FormDialog>
  )
}

export function TemplatesDialog() {
  const [open, setOpen] = useState(false)
  const templates = useTemplates(open)
  const create = useCreateFlow()
  const navigate = useNavigate()

  async function use(template: { name: string; description: string; document: FlowDocument }) {
    const flow = await create.mutateAsync({
      name: template.name,
      description: template.description,
      document: template.document,
    })
    navigate(`/flows/${flow.id}`)
  }

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="outline">
          <LayoutTemplateIcon aria-hidden />
          Start from template
        </Button>
      }
      title="Start from a template"
      description="A copy of the template becomes your draft; edit it before you publish."
    >
      {templates.isPending && <p className="text-sm text-muted-foreground">Loading templates…</p>}
      <ProblemAlert error={templates.error ?? create.error} />
      <ul className="grid gap-2">
        {templates.data?.map((template) => (
          <li key={template.key} className="flex items-start justify-between gap-3 rounded-md border p-3">
            <div className="grid gap-1">
              <span className="font-medium">{template.name}</span>
              <span className="text-sm text-muted-foreground">{template.description}</span>
              <span className="text-xs text-muted-foreground">{template.document.nodes.length} nodes</span>
            </div>
            <Button size="sm" disabled={create.isPending} onClick={() => void use(template).catch(() => undefined)}>
              Use
            </Button>
          </li>
        ))}
      </ul>
    </FormDialog>
  )
}

/** Description -> generated flow (LLM or the offline rules), shown for the user to accept. */
export function GenerateFlowDialog({
  onAccept,
  triggerLabel = 'Generate from description',
}: {
  /** Given: the flow is handed over (e.g. into the canvas). Not given: a new flow is created from it. */
  onAccept?: (generated: GeneratedFlow) => void
  triggerLabel?: string
}) {
  const [open, setOpen] = useState(false)
  const [description, setDescription] = useState('')
  const generate = useGenerateFlow()
  const create = useCreateFlow()
  const navigate = useNavigate()
  const result = generate.data

  async function accept() {
    if (!result) return
    if (onAccept) {
      onAccept(result)
    } else {
      const name = description.split(/[.:\n]/)[0].slice(0, 80).trim() || 'Generated flow'
      const flow = await create.mutateAsync({ name, description, document: result.document })
      navigate(`/flows/${flow.id}`)
    }
    setOpen(false)
    generate.reset()
  }

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      className="max-h-[90vh] overflow-y-auto sm:max-w-2xl"
      trigger={
        <Button variant="outline">
          <SparklesIcon aria-hidden />
          {triggerLabel}
        </Button>
      }
      title="Generate a flow from a description"
      description="With an AI provider configured the language model drafts it; offline, a numbered list of steps (1. ask name 2. ask date …) is turned into nodes by rules."
    >
      <form
        className="grid gap-3"
        onSubmit={(e) => {
          e.preventDefault()
          generate.mutate(description)
        }}
      >
        <Field label="Description" error={fieldErrors(generate.error).description}>
          {(control) => (
            <Textarea
              {...control}
              required
              rows={4}
              placeholder="Book a viewing for an apartment: 1. ask name 2. ask date 3. ask budget 4. confirm"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
        <ProblemAlert error={generate.error ?? create.error} fields={['description']} />
        <Button type="submit" variant="outline" disabled={generate.isPending || !description.trim()}>
          {generate.isPending ? 'Generating…' : 'Generate'}
        </Button>
      </form>
      {result && (
        <section aria-label="Generated flow" className="grid gap-3">
          <div className="flex items-center gap-2 text-sm">
            <Badge variant="secondary" data-testid="generate-mode">
              {result.mode === 'llm' ? 'Generated by the language model' : 'Generated by rules (offline)'}
            </Badge>
            <span className="text-muted-foreground">{result.document.nodes.length} nodes</span>
          </div>
          {result.notes.length > 0 && (
            <ul className="list-disc pl-5 text-sm text-muted-foreground">
              {result.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <FlowPreview document={result.document} />
          <Button disabled={create.isPending} onClick={() => void accept().catch(() => undefined)}>
            {onAccept ? 'Replace canvas with this flow' : 'Create flow from this'}
          </Button>
        </section>
      )}
    </FormDialog>
  )
}

export function ImportFlowButton() {
  const input = useRef<HTMLInputElement>(null)
  const importFlow = useImportFlow()
  const [parseError, setParseError] = useState<string>()
  const navigate = useNavigate()

  async function onFile(file: File) {
    setParseError(undefined)
    let parsed
    try {
      parsed = parseDocument(await file.text())
    } catch (error) {
      setParseError(`${file.name}: ${error instanceof Error ? error.message : String(error)}`)
      return
    }
    const flow = await importFlow.mutateAsync({
      name: parsed.name ?? file.name.replace(/\.json$/i, ''),
      description: parsed.description,
      document: parsed.document,
    })
    navigate(`/flows/${flow.id}`)
  }

  return (
    <div className="grid gap-2">
      <Button variant="outline" onClick={() => input.current?.click()} disabled={importFlow.isPending}>
        <FileJsonIcon aria-hidden />
        Import JSON
      </Button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="sr-only"
        aria-label="Import flow JSON file"
        data-testid="import-flow-file"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void onFile(file).catch(() => undefined)
        }}
      />
      {parseError && (
        <p role="alert" className="text-sm text-destructive">
          {parseError}
        </p>
      )}
      <ProblemAlert error={importFlow.error} />
    </div>
  )
}
