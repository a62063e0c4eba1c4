import { PlusIcon, Trash2Icon } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import type { Agent, AgentHttpTool, AgentIntent, AgentSettings } from '@/api/types'
import { Field, InputField, SelectField, TextareaField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { fieldErrors } from '@/lib/problem'
import {
  CHANNEL_TYPES,
  DAYS,
  splitLines,
  splitList,
  useKnowledgeBaseOptions,
  useProviderOptions,
  useUpdateAgent,
  type PickerOption,
} from '../api/agents'

type Hours = NonNullable<AgentSettings['businessHours']>
type Header = NonNullable<AgentHttpTool['headers']>[number]

function Group({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="grid gap-3 rounded-lg border p-4">
      <legend className="px-1 text-sm font-semibold">{title}</legend>
      {description && <p className="text-xs text-muted-foreground">{description}</p>}
      {children}
    </fieldset>
  )
}

function CheckField({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="flex items-center gap-2">
      <Checkbox id={id} checked={checked} onCheckedChange={(value) => onChange(value === true)} />
      <Label htmlFor={id}>{label}</Label>
    </div>
  )
}

function numberOrNull(text: string): number | null {
  const value = Number(text)
  return text.trim() === '' || Number.isNaN(value) ? null : value
}

/** Pick ids from a list when the server offers one; otherwise type them. Order matters for chains. */
function IdPicker({
  label,
  options,
  value,
  onChange,
  hint,
}: {
  label: string
  options: PickerOption[] | null | undefined
  value: string[]
  onChange: (ids: string[]) => void
  hint: string
}) {
  if (!options) {
    return (
      <TextareaField
        label={label}
        rows={2}
        value={value.join('\n')}
        onChange={(event) => onChange(splitList(event.target.value))}
        hint={`${hint} One id per line.`}
      />
    )
  }
  const unknown = value.filter((id) => !options.some((o) => o.id === id))
  return (
    <Field label={label} hint={hint}>
      {(control) => (
        <div className="grid gap-1" id={control.id} role="group">
          {options.length === 0 && <p className="text-sm text-muted-foreground">None yet.</p>}
          {options.map((option) => {
            const index = value.indexOf(option.id)
            return (
              <div key={option.id} className="flex items-center gap-2">
                <Checkbox
                  id={`${control.id}-${option.id}`}
                  checked={index >= 0}
                  onCheckedChange={(checked) =>
                    onChange(checked === true ? [...value, option.id] : value.filter((id) => id !== option.id))
                  }
                />
                <Label htmlFor={`${control.id}-${option.id}`} className="font-normal">
                  {index >= 0 && <Badge variant="secondary">{index + 1}</Badge>} {option.label}
                </Label>
              </div>
            )
          })}
          {unknown.map((id) => (
            <p key={id} className="text-xs text-destructive">
              Unknown id {id}
            </p>
          ))}
        </div>
      )}
    </Field>
  )
}

function IntentsEditor({ intents, onChange }: { intents: AgentIntent[]; onChange: (next: AgentIntent[]) => void }) {
  const update = (index: number, patch: Partial<AgentIntent>) =>
    onChange(intents.map((intent, i) => (i === index ? { ...intent, ...patch } : intent)))
  return (
    <div className="grid gap-3">
      {intents.map((intent, index) => (
        <div key={index} className="grid gap-2 rounded-md border p-3" data-testid="intent">
          <div className="flex items-end gap-2">
            <InputField
              label="Intent name"
              value={intent.name}
              onChange={(event) => update(index, { name: event.target.value })}
              placeholder="opening_hours"
            />
            <Button type="button" variant="ghost" size="icon" aria-label={`Remove intent ${intent.name}`} onClick={() => onChange(intents.filter((_, i) => i !== index))}>
              <Trash2Icon aria-hidden />
            </Button>
          </div>
          <TextareaField
            label="Example phrases"
            rows={3}
            value={intent.examples.join('\n')}
            onChange={(event) => update(index, { examples: event.target.value.split('\n') })}
            hint="One per line. Five or more different phrasings work best."
          />
          <TextareaField
            label="Reply (optional)"
            rows={2}
            value={intent.reply ?? ''}
            onChange={(event) => update(index, { reply: event.target.value || null })}
            hint="Answered as written, without the LLM."
          />
          <CheckField
            id={`intent-${index}-handoff`}
            label="Hand off to a person when recognised"
            checked={intent.handoff === true}
            onChange={(value) => update(index, { handoff: value })}
          />
        </div>
      ))}
      <Button type="button" variant="outline" size="sm" className="justify-self-start" onClick={() => onChange([...intents, { name: '', examples: [], reply: null, handoff: false }])}>
        <PlusIcon aria-hidden /> Add intent
      </Button>
    </div>
  )
}

function HoursEditor({ hours, onChange }: { hours: Hours | null | undefined; onChange: (next: Hours | null) => void }) {
  if (!hours) {
    return (
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="justify-self-start"
        onClick={() =>
          onChange({
            timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
            weekly: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, from: '09:00', to: '17:00' })),
          })
        }
      >
        Set business hours
      </Button>
    )
  }
  const setRange = (index: number, patch: Partial<Hours['weekly'][number]>) =>
    onChange({ ...hours, weekly: hours.weekly.map((range, i) => (i === index ? { ...range, ...patch } : range)) })
  return (
    <div className="grid gap-2">
      <InputField label="Time zone" value={hours.timezone} onChange={(event) => onChange({ ...hours, timezone: event.target.value })} hint="IANA name, e.g. Europe/Paris" />
      {hours.weekly.map((range, index) => (
        <div key={index} className="flex items-center gap-2" data-testid="opening-range">
          <NativeSelect aria-label="Day" className="w-24" value={range.day} onChange={(event) => setRange(index, { day: event.target.value })}>
            {DAYS.map((day) => (
              <option key={day} value={day}>
                {day}
              </option>
            ))}
          </NativeSelect>
          <Input aria-label="From" type="time" value={range.from} onChange={(event) => setRange(index, { from: event.target.value })} />
          <Input aria-label="To" type="time" value={range.to} onChange={(event) => setRange(index, { to: event.target.value })} />
          <Button type="button" variant="ghost" size="icon" aria-label="Remove range" onClick={() => onChange({ ...hours, weekly: hours.weekly.filter((_, i) => i !== index) })}>
            <Trash2Icon aria-hidden />
          </Button>
        </div>
      ))}
      <div className="flex gap-2">
        <Button type="button" variant="outline" size="sm" onClick={() => onChange({ ...hours, weekly: [...hours.weekly, { day: 'mon', from: '09:00', to: '17:00' }] })}>
          <PlusIcon aria-hidden /> Add range
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => onChange(null)}>
          Always open
        </Button>
      </div>
    </div>
  )
}

function ToolsEditor({ tools, onChange }: { tools: AgentHttpTool[]; onChange: (next: AgentHttpTool[]) => void }) {
  const update = (index: number, patch: Partial<AgentHttpTool>) =>
    onChange(tools.map((tool, i) => (i === index ? { ...tool, ...patch } : tool)))
  return (
    <div className="grid gap-3">
      {tools.map((tool, index) => {
        const headers: Header[] = tool.headers ?? []
        const setHeader = (h: number, patch: Partial<Header>) =>
          update(index, { headers: headers.map((header, i) => (i === h ? { ...header, ...patch } : header)) })
        return (
          <div key={index} className="grid gap-2 rounded-md border p-3" data-testid="http-tool">
            <div className="grid grid-cols-[1fr_7rem_auto] items-end gap-2">
              <InputField label="Tool name" value={tool.name} onChange={(event) => update(index, { name: event.target.value })} placeholder="order_status" />
              <SelectField label="Method" value={tool.method ?? 'GET'} onChange={(event) => update(index, { method: event.target.value })}>
                {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </SelectField>
              <Button type="button" variant="ghost" size="icon" aria-label={`Remove tool ${tool.name}`} onClick={() => onChange(tools.filter((_, i) => i !== index))}>
                <Trash2Icon aria-hidden />
              </Button>
            </div>
            <InputField label="Description" value={tool.description} onChange={(event) => update(index, { description: event.target.value })} hint="When the model should call it." />
            <InputField label="URL" value={tool.url} onChange={(event) => update(index, { url: event.target.value })} placeholder="https://api.example.com/orders/{{orderId}}" hint="{{parameter}} placeholders in the path and query. Private addresses are refused." />
            <TextareaField label="Parameters (JSON Schema)" rows={3} className="font-mono text-xs" value={tool.parametersSchema ?? ''} onChange={(event) => update(index, { parametersSchema: event.target.value || null })} />
            <TextareaField label="Body template" rows={2} className="font-mono text-xs" value={tool.bodyTemplate ?? ''} onChange={(event) => update(index, { bodyTemplate: event.target.value || null })} />
            <div className="grid grid-cols-2 gap-2">
              <InputField label="Timeout (ms)" type="number" value={tool.timeoutMs ?? 5000} onChange={(event) => update(index, { timeoutMs: numberOrNull(event.target.value) })} />
              <InputField label="Response cap (bytes)" type="number" value={tool.maxResponseBytes ?? 16384} onChange={(event) => update(index, { maxResponseBytes: numberOrNull(event.target.value) })} />
            </div>
            <Label>Headers</Label>
            {headers.map((header, h) => (
              <div key={h} className="grid grid-cols-[1fr_1fr_auto_auto] items-center gap-2">
                <Input aria-label="Header name" value={header.name} onChange={(event) => setHeader(h, { name: event.target.value })} />
                <Input
                  aria-label="Header value"
                  type={header.secret ? 'password' : 'text'}
                  value={header.value ?? ''}
                  placeholder={header.secret && header.valueSet ? 'stored: type to replace' : ''}
                  onChange={(event) => setHeader(h, { value: event.target.value })}
                />
                <CheckField id={`tool-${index}-header-${h}-secret`} label="Secret" checked={header.secret === true} onChange={(value) => setHeader(h, { secret: value })} />
                <Button type="button" variant="ghost" size="icon" aria-label="Remove header" onClick={() => update(index, { headers: headers.filter((_, i) => i !== h) })}>
                  <Trash2Icon aria-hidden />
                </Button>
              </div>
            ))}
            <Button type="button" variant="outline" size="sm" className="justify-self-start" onClick={() => update(index, { headers: [...headers, { name: '', value: '', secret: false }] })}>
              <PlusIcon aria-hidden /> Add header
            </Button>
          </div>
        )
      })}
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="justify-self-start"
        onClick={() => onChange([...tools, { name: '', description: '', url: 'https://', method: 'GET', headers: [] }])}
      >
        <PlusIcon aria-hidden /> Add HTTP tool
      </Button>
    </div>
  )
}

/** Everything about one agent, saved at once. */
export function AgentEditor({ agent, canManage }: { agent: Agent; canManage: boolean }) {
  const [name, setName] = useState(agent.name)
  const [s, setS] = useState<AgentSettings>(agent.settings)
  const save = useUpdateAgent(agent.id)
  const errors = fieldErrors(save.error)
  const kbs = useKnowledgeBaseOptions()
  const providers = useProviderOptions()
  const set = <K extends keyof AgentSettings>(key: K, value: AgentSettings[K]) => setS((current) => ({ ...current, [key]: value }))
  const handoff = s.handoff ?? {}
  const messages = s.messages ?? {}
  const understanding = s.understanding ?? {}
  const memory = s.memory ?? {}
  const builtins = s.builtinTools ?? {}
  const chain = s.llmChain ?? []

  return (
    <form
      className="grid gap-4"
      aria-label="Agent settings"
      onSubmit={(event) => {
        event.preventDefault()
        const intents = (s.intents ?? []).map((intent) => ({ ...intent, examples: intent.examples.map((e) => e.trim()).filter((e) => e !== '') }))
        save.mutate(
          { name, settings: { ...s, intents } },
          {
            onSuccess: (saved) => {
              setS(saved.settings)
              setName(saved.name)
            },
          },
        )
      }}
    >
      <ProblemAlert error={save.error} fields={['name']} />
      {save.isSuccess && !save.isPending && <p className="text-sm text-emerald-700" role="status">Saved.</p>}
      <fieldset disabled={!canManage} className="grid gap-4">
        <Group title="Basics">
          <InputField label="Name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} error={errors.name} />
          <TextareaField label="Instructions" rows={5} value={s.instructions ?? ''} onChange={(event) => set('instructions', event.target.value)} hint="The system prompt: who the agent is, what it may and may not do." />
          <div className="grid grid-cols-2 gap-3">
            <InputField label="Tone" value={s.tone ?? ''} onChange={(event) => set('tone', event.target.value || null)} placeholder="friendly, concise" />
            <InputField label="Languages" value={(s.languages ?? []).join(', ')} onChange={(event) => set('languages', splitList(event.target.value))} hint="Codes, first is the default: en, fr" />
          </div>
          <InputField label="Greeting" value={s.greeting ?? ''} onChange={(event) => set('greeting', event.target.value || null)} />
        </Group>

        <Group title="Knowledge and models" description={chain.length === 0 ? 'Offline mode: answers are extracted from the knowledge base, no LLM provider is called.' : 'Providers are tried in order; the offline responder is always the last resort.'}>
          <IdPicker label="Knowledge bases" options={kbs.data} value={s.knowledgeBaseIds ?? []} onChange={(ids) => set('knowledgeBaseIds', ids)} hint="Searched for every question." />
          <IdPicker label="LLM chain" options={providers.data} value={chain} onChange={(ids) => set('llmChain', ids)} hint="Tick providers in the order to try them; none = offline." />
          <Badge variant={chain.length === 0 ? 'secondary' : 'default'} className="justify-self-start" data-testid="agent-mode">
            {chain.length === 0 ? 'Offline' : `LLM chain of ${chain.length}`}
          </Badge>
        </Group>

        <Group title="Intents" description="Recognised from example phrases with the offline embedding model.">
          <IntentsEditor intents={s.intents ?? []} onChange={(intents) => set('intents', intents)} />
          <InputField label="Confidence threshold" type="number" step="0.05" min={0} max={1} value={understanding.intentThreshold ?? 0.55} onChange={(event) => set('understanding', { ...understanding, intentThreshold: numberOrNull(event.target.value) })} />
        </Group>

        <Group title="Entities" description="Emails, phones, dates and times, amounts and numbers are always recognised. Add your own:">
          <TextareaField
            label="Custom lists"
            rows={2}
            value={Object.entries(understanding.customLists ?? {}).map(([k, v]) => `${k}: ${v.join(', ')}`).join('\n')}
            onChange={(event) =>
              set('understanding', {
                ...understanding,
                customLists: Object.fromEntries(splitLines(event.target.value).map((line) => [line.split(':')[0].trim(), splitList(line.split(':').slice(1).join(':'))])),
              })
            }
            hint="One per line: name: value, value"
          />
          <TextareaField
            label="Regular expressions"
            rows={2}
            className="font-mono text-xs"
            value={Object.entries(understanding.regexes ?? {}).map(([k, v]) => `${k}: ${v}`).join('\n')}
            onChange={(event) =>
              set('understanding', {
                ...understanding,
                regexes: Object.fromEntries(splitLines(event.target.value).map((line) => [line.split(':')[0].trim(), line.split(':').slice(1).join(':').trim()])),
              })
            }
            hint="One per line: name: pattern"
          />
        </Group>

        <Group title="Handoff to people">
          <InputField label="Keywords" value={(handoff.keywords ?? []).join(', ')} onChange={(event) => set('handoff', { ...handoff, keywords: splitList(event.target.value) })} placeholder="complaint, lawyer" />
          <TextareaField label="Phrases asking for a person" rows={2} value={(handoff.humanRequestPhrases ?? []).join('\n')} onChange={(event) => set('handoff', { ...handoff, humanRequestPhrases: splitLines(event.target.value) })} hint="One per line; empty uses the built-in list (talk to a human, real person, ...)." />
          <SelectField label="Intent asking for a person" value={handoff.humanRequestIntent ?? ''} onChange={(event) => set('handoff', { ...handoff, humanRequestIntent: event.target.value || null })}>
            <option value="">None</option>
            {(s.intents ?? []).filter((i) => i.name).map((intent) => (
              <option key={intent.name}>{intent.name}</option>
            ))}
          </SelectField>
          <div className="grid grid-cols-2 gap-3">
            <InputField label="Low-confidence threshold" type="number" step="0.05" min={0} max={1} value={handoff.lowConfidenceThreshold ?? 0} onChange={(event) => set('handoff', { ...handoff, lowConfidenceThreshold: numberOrNull(event.target.value) })} hint="0 = off; similarity of the best passage." />
            <InputField label="Failed answers in a row" type="number" min={0} max={20} value={handoff.maxFailedAnswers ?? 3} onChange={(event) => set('handoff', { ...handoff, maxFailedAnswers: numberOrNull(event.target.value) })} hint="0 = off" />
          </div>
        </Group>

        <Group title="Business hours" description="Outside them a handoff answers the out-of-hours message.">
          <HoursEditor hours={s.businessHours} onChange={(hours) => set('businessHours', hours ?? undefined)} />
        </Group>

        <Group title="Messages">
          <TextareaField label="Fallback" rows={2} value={messages.fallback ?? ''} onChange={(event) => set('messages', { ...messages, fallback: event.target.value || null })} placeholder="Sorry, I don't know the answer to that." />
          <TextareaField label="Handoff" rows={2} value={messages.handoff ?? ''} onChange={(event) => set('messages', { ...messages, handoff: event.target.value || null })} placeholder="A teammate will reply shortly." />
          <TextareaField label="Out of hours" rows={2} value={messages.outOfHours ?? ''} onChange={(event) => set('messages', { ...messages, outOfHours: event.target.value || null })} />
          <TextareaField label="Limit reached" rows={2} value={messages.limitReached ?? ''} onChange={(event) => set('messages', { ...messages, limitReached: event.target.value || null })} />
          <TextareaField label="Blocked by moderation" rows={2} value={messages.blocked ?? ''} onChange={(event) => set('messages', { ...messages, blocked: event.target.value || null })} />
        </Group>

        <Group title="Reply length and memory">
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            {CHANNEL_TYPES.map((type) => (
              <InputField
                key={type}
                label={`Max length: ${type}`}
                type="number"
                min={20}
                max={10000}
                value={s.maxReplyLength?.[type] ?? ''}
                onChange={(event) => {
                  const next = { ...(s.maxReplyLength ?? {}) }
                  const value = numberOrNull(event.target.value)
                  if (value === null) delete next[type]
                  else next[type] = value
                  set('maxReplyLength', next)
                }}
              />
            ))}
          </div>
          <div className="grid grid-cols-2 gap-3">
            <InputField label="Turns remembered" type="number" min={0} max={50} value={memory.lastTurns ?? 10} onChange={(event) => set('memory', { ...memory, lastTurns: numberOrNull(event.target.value) })} />
            <InputField label="Summary every N messages" type="number" min={0} max={100} value={memory.summaryEveryTurns ?? 10} onChange={(event) => set('memory', { ...memory, summaryEveryTurns: numberOrNull(event.target.value) })} />
          </div>
        </Group>

        <Group title="Tools" description="Built-in tools and your HTTP APIs the model may call.">
          <div className="grid gap-2 sm:grid-cols-2">
            <CheckField id="builtin-contact" label="Look up the contact" checked={builtins.lookupContact !== false} onChange={(v) => set('builtinTools', { ...builtins, lookupContact: v })} />
            <CheckField id="builtin-knowledge" label="Search the knowledge base" checked={builtins.searchKnowledge !== false} onChange={(v) => set('builtinTools', { ...builtins, searchKnowledge: v })} />
            <CheckField id="builtin-handoff" label="Hand off to a person" checked={builtins.handoff !== false} onChange={(v) => set('builtinTools', { ...builtins, handoff: v })} />
            <CheckField id="builtin-callback" label="Book a callback" checked={builtins.bookCallback !== false} onChange={(v) => set('builtinTools', { ...builtins, bookCallback: v })} />
          </div>
          <ToolsEditor tools={s.tools ?? []} onChange={(tools) => set('tools', tools)} />
        </Group>
      </fieldset>
      {canManage && (
        <div className="sticky bottom-0 flex justify-end bg-background/90 py-2">
          <SubmitButton pending={save.isPending}>Save agent</SubmitButton>
        </div>
      )}
    </form>
  )
}
