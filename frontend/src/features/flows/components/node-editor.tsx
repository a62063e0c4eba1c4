import { PlusIcon, Trash2Icon } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { Field } from '@/components/field'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'
import type { NodeData, NodeType } from '../api/types'
import { nextId, nodeTypeInfo } from '../lib/model'

interface EditorProps {
  nodeId: string
  type: NodeType
  data: NodeData
  errors: string[]
  onChange: (data: NodeData) => void
  onDelete: () => void
}

type Item = Record<string, unknown>

const str = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value))
const list = (value: unknown): Item[] => (Array.isArray(value) ? (value as Item[]) : [])
const csv = (value: unknown) => (Array.isArray(value) ? value.join(', ') : '')
const fromCsv = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/** The inline editor for the selected node: one form per node type, every change applied at once. */
export function NodeEditor({ nodeId, type, data, errors, onChange, onDelete }: EditorProps) {
  const set = (key: string, value: unknown) => onChange({ ...data, [key]: value })
  const text = (key: string, label: string, hint?: string) => (
    <Field label={label} hint={hint}>
      {(control) => <Input {...control} value={str(data[key])} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  )
  const area = (key: string, label: string, hint?: string) => (
    <Field label={label} hint={hint}>
      {(control) => (
        <Textarea {...control} rows={3} value={str(data[key])} onChange={(e) => set(key, e.target.value)} />
      )}
    </Field>
  )
  const number = (key: string, label: string) => (
    <Field label={label}>
      {(control) => (
        <Input
          {...control}
          type="number"
          value={str(data[key])}
          onChange={(e) => set(key, e.target.value === '' ? undefined : Number(e.target.value))}
        />
      )}
    </Field>
  )
  const select = (key: string, label: string, options: readonly string[]) => (
    <Field label={label}>
      {(control) => (
        <NativeSelect {...control} value={str(data[key])} onChange={(e) => set(key, e.target.value)}>
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </NativeSelect>
      )}
    </Field>
  )

  let body: ReactNode
  switch (type) {
    case 'start':
      body = <TriggersEditor value={list(data.triggers)} onChange={(triggers) => set('triggers', triggers)} />
      break
    case 'message':
      body = (
        <>
          {area('text', 'Text', 'Variables: {{name}}, {{contact.name}}')}
          {text('mediaUrl', 'Media URL (optional)')}
          <ItemsEditor
            label="Buttons"
            prefix="b"
            items={list(data.buttons)}
            fields={[{ key: 'title', label: 'Title' }]}
            onChange={(buttons) => set('buttons', buttons.length ? buttons : undefined)}
          />
        </>
      )
      break
    case 'question':
      body = (
        <>
          {area('prompt', 'Prompt')}
          {select('kind', 'Answer kind', ['text', 'number', 'email', 'phone', 'date', 'choice'])}
          {text('variable', 'Save answer to variable')}
          {number('retries', 'Retries')}
          {text('retryPrompt', 'Retry prompt (optional)')}
          {data.kind === 'choice' && (
            <ItemsEditor
              label="Choices (each is an output)"
              prefix="c"
              items={list(data.choices)}
              fields={[{ key: 'title', label: 'Title' }]}
              onChange={(choices) => set('choices', choices)}
            />
          )}
        </>
      )
      break
    case 'set_variable':
      body = (
        <>
          {text('variable', 'Variable')}
          {text('value', 'Value', 'A template like {{contact.name}} or an expression like budget * 2')}
        </>
      )
      break
    case 'condition':
      body = (
        <ItemsEditor
          label="Rules (first match wins; otherwise “else”)"
          prefix="r"
          items={list(data.rules)}
          fields={[
            { key: 'label', label: 'Label' },
            { key: 'expression', label: 'Expression', placeholder: 'budget >= 1000 && contact.tags contains "vip"' },
          ]}
          onChange={(rules) => set('rules', rules)}
        />
      )
      break
    case 'intent_router':
      body = (
        <ItemsEditor
          label="Routes (otherwise “fallback”)"
          prefix="r"
          items={list(data.routes)}
          fields={[{ key: 'intent', label: 'Intent' }]}
          onChange={(routes) => set('routes', routes)}
        />
      )
      break
    case 'knowledge_answer':
      body = (
        <>
          {text('question', 'Question (template)')}
          <Field label="Knowledge base ids" hint="Comma separated; empty searches all">
            {(control) => (
              <Input
                {...control}
                value={csv(data.knowledgeBaseIds)}
                onChange={(e) => set('knowledgeBaseIds', fromCsv(e.target.value))}
              />
            )}
          </Field>
        </>
      )
      break
    case 'llm':
      body = (
        <>
          {area('prompt', 'Prompt')}
          {text('variable', 'Save answer to variable')}
          <JsonField label="Output JSON Schema (optional)" value={data.outputSchema} onChange={(v) => set('outputSchema', v)} />
        </>
      )
      break
    case 'http':
      body = (
        <>
          {select('method', 'Method', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])}
          {text('url', 'URL')}
          <JsonField label="Headers (JSON object)" value={data.headers} onChange={(v) => set('headers', v)} />
          {area('body', 'Body (template)')}
          {number('timeoutMs', 'Timeout (ms)')}
          <JsonField
            label="Mapping (variable → JSON pointer)"
            value={data.mapping}
            onChange={(v) => set('mapping', v)}
          />
        </>
      )
      break
    case 'update_contact':
      body = (
        <>
          <Field label="Add tags" hint="Comma separated">
            {(control) => (
              <Input {...control} value={csv(data.addTags)} onChange={(e) => set('addTags', fromCsv(e.target.value))} />
            )}
          </Field>
          <Field label="Remove tags" hint="Comma separated">
            {(control) => (
              <Input
                {...control}
                value={csv(data.removeTags)}
                onChange={(e) => set('removeTags', fromCsv(e.target.value))}
              />
            )}
          </Field>
          <JsonField
            label="Attributes (JSON object of templates)"
            value={data.attributes}
            onChange={(v) => set('attributes', v)}
          />
        </>
      )
      break
    case 'wait':
      body = (
        <>
          {select('mode', 'Wait for', ['reply', 'delay'])}
          {number('seconds', 'Seconds')}
          {data.mode === 'reply' && text('variable', 'Save reply to variable (optional)')}
        </>
      )
      break
    case 'subflow':
      body = text('flowId', 'Flow id')
      break
    case 'handoff':
    case 'end':
      body = area('message', 'Message (optional)')
      break
  }

  return (
    <section aria-label={`Edit node ${nodeId}`} className="grid gap-3">
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">
          {nodeTypeInfo(type)?.label ?? type} <span className="font-mono text-xs text-muted-foreground">{nodeId}</span>
        </h3>
        <Button variant="outline" size="sm" onClick={onDelete} aria-label={`Delete node ${nodeId}`}>
          <Trash2Icon aria-hidden />
          Delete
        </Button>
      </div>
      {errors.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-destructive" aria-label="Problems">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {body}
    </section>
  )
}

function JsonField({ label, value, onChange }: { label: string; value: unknown; onChange: (value: unknown) => void }) {
  const [textValue, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)))
  const [error, setError] = useState<string>()
  return (
    <Field label={label} error={error}>
      {(control) => (
        <Textarea
          {...control}
          rows={3}
          className="font-mono text-xs"
          value={textValue}
          onChange={(e) => {
            setText(e.target.value)
            if (e.target.value.trim() === '') {
              setError(undefined)
              onChange(undefined)
              return
            }
            try {
              onChange(JSON.parse(e.target.value))
              setError(undefined)
            } catch {
              setError('Not valid JSON yet; the last valid value is kept.')
            }
          }}
        />
      )}
    </Field>
  )
}

interface ItemsEditorProps {
  label: string
  prefix: string
  items: Item[]
  fields: { key: string; label: string; placeholder?: string }[]
  onChange: (items: Item[]) => void
}

/** A list of {id, …} items (rules, routes, choices, buttons); each id is an output name where it applies. */
function ItemsEditor({ label, prefix, items, fields, onChange }: ItemsEditorProps) {
  const update = (index: number, key: string, value: string) =>
    onChange(items.map((item, i) => (i === index ? { ...item, [key]: value } : item)))
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">{label}</legend>
      {items.map((item, index) => (
        <div key={str(item.id) || index} className="grid gap-1 rounded-md border p-2">
          <div className="flex items-center justify-between text-xs text-muted-foreground">
            <span className="font-mono">id: {str(item.id)}</span>
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Remove ${str(item.id)}`}
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            >
              <Trash2Icon aria-hidden />
            </Button>
          </div>
          {fields.map((field) => (
            <Input
              key={field.key}
              aria-label={`${field.label} of ${str(item.id)}`}
              placeholder={field.placeholder ?? field.label}
              value={str(item[field.key])}
              onChange={(e) => update(index, field.key, e.target.value)}
            />
          ))}
        </div>
      ))}
      <Button
        variant="outline"
        size="sm"
        onClick={() =>
          onChange([...items, { id: nextId(prefix, items.map((i) => str(i.id))), ...Object.fromEntries(fields.map((f) => [f.key, ''])) }])
        }
      >
        <PlusIcon aria-hidden />
        Add
      </Button>
    </fieldset>
  )
}

const TRIGGER_TYPES = ['new_conversation', 'keyword', 'intent', 'campaign_reply', 'api'] as const

function TriggersEditor({ value, onChange }: { value: Item[]; onChange: (triggers: Item[]) => void }) {
  const update = (index: number, next: Item) => onChange(value.map((t, i) => (i === index ? next : t)))
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">Triggers</legend>
      {value.map((trigger, index) => (
        <div key={index} className="grid gap-1 rounded-md border p-2">
          <div className="flex gap-1">
            <NativeSelect
              aria-label={`Trigger ${index + 1} type`}
              value={str(trigger.type)}
              onChange={(e) => {
                const type = e.target.value
                update(index, type === 'keyword' ? { type, keywords: [] } : type === 'intent' ? { type, intent: '' } : { type })
              }}
            >
              {TRIGGER_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </NativeSelect>
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Remove trigger ${index + 1}`}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            >
              <Trash2Icon aria-hidden />
            </Button>
          </div>
          {trigger.type === 'keyword' && (
            <Input
              aria-label={`Trigger ${index + 1} keywords`}
              placeholder="Keywords, comma separated"
              value={csv(trigger.keywords)}
              onChange={(e) => update(index, { ...trigger, keywords: fromCsv(e.target.value) })}
            />
          )}
          {trigger.type === 'intent' && (
            <Input
              aria-label={`Trigger ${index + 1} intent`}
              placeholder="Intent"
              value={str(trigger.intent)}
              onChange={(e) => update(index, { ...trigger, intent: e.target.value })}
            />
          )}
        </div>
      ))}
      <Button variant="outline" size="sm" onClick={() => onChange([...value, { type: 'new_conversation' }])}>
        <PlusIcon aria-hidden />
        Add trigger
      </Button>
    </fieldset>
  )
}
