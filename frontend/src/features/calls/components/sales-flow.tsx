import { PhoneCallIcon, SparklesIcon } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import type { SalesScript } from '@/api/types'
import { InputField, TextareaField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { Section } from '@/components/section'
import { Button } from '@/components/ui/button'
import { usePlaceCall } from '../api/calls'
import { useGenerateScript, useReviseScript, useSaveCustomer } from '../api/sales'
import { CallDetail } from './call-detail'

function topicList(raw: string) {
  return raw
    .split(/[,;\n]/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
}

/**
 * The original sales flow on one page: customer → generated script → review and edit → call (real or
 * simulated) → live status → transcript with a manual refresh.
 */
export function SalesFlow() {
  const [customer, setCustomer] = useState({
    name: '',
    countryCode: 'IN',
    phone: '',
    email: '',
    history: '',
    topics: '',
    product: '',
    goal: 'book a demo',
    tone: 'friendly',
  })
  const [contactId, setContactId] = useState<string>()
  const [script, setScript] = useState<SalesScript>()
  const [text, setText] = useState('')
  const [firstSentence, setFirstSentence] = useState('')
  const [maxMinutes, setMaxMinutes] = useState('3')
  const [callId, setCallId] = useState<string>()
  const [notice, setNotice] = useState<string | null>(null)

  const saveCustomer = useSaveCustomer()
  const generate = useGenerateScript()
  const revise = useReviseScript()
  const place = usePlaceCall()

  const set = (key: keyof typeof customer) => (e: { target: { value: string } }) =>
    setCustomer({ ...customer, [key]: e.target.value })

  async function onGenerate(e: FormEvent) {
    e.preventDefault()
    const topics = topicList(customer.topics)
    const id = await saveCustomer.mutateAsync({ ...customer, topics })
    setContactId(id)
    const generated = await generate.mutateAsync({
      contactId: id,
      product: customer.product,
      goal: customer.goal,
      tone: customer.tone,
      topics,
      notes: customer.history,
    })
    setScript(generated)
    setText(generated.text)
    setFirstSentence(generated.firstSentence)
    setCallId(undefined)
  }

  async function onCall() {
    if (!script || !contactId) return
    let current = script
    if (text !== script.text || firstSentence !== script.firstSentence) {
      current = await revise.mutateAsync({ id: script.id, text, firstSentence })
      setScript(current)
    }
    const placed = await place.mutateAsync({
      contactId,
      salesScriptId: current.id,
      maxDurationMinutes: Number(maxMinutes) || 3,
      record: true,
      metadata: { topics: topicList(customer.topics).join(', '), product: customer.product },
    })
    setNotice(placed.notice ?? null)
    setCallId(placed.call.id)
  }

  return (
    <div className="grid gap-6">
      <Section title="1. Customer" description="Who to call and what you know about them. The country code is used when the number has no + prefix.">
        <form className="grid gap-4 sm:grid-cols-2" onSubmit={(e) => void onGenerate(e).catch(() => {})} aria-label="Customer">
          <InputField label="Name" required value={customer.name} onChange={set('name')} />
          <InputField label="Country code" maxLength={2} value={customer.countryCode} onChange={set('countryCode')} hint="ISO code, default IN" />
          <InputField label="Phone" required value={customer.phone} onChange={set('phone')} placeholder="98123 45678 or +14155550123" />
          <InputField label="Email" type="email" value={customer.email} onChange={set('email')} />
          <div className="sm:col-span-2">
            <TextareaField label="Conversation history" rows={4} value={customer.history} onChange={set('history')} hint="Paste earlier messages or notes" />
          </div>
          <InputField label="Topics" value={customer.topics} onChange={set('topics')} hint="Comma-separated, e.g. pricing, WhatsApp integration" />
          <InputField label="Product" required value={customer.product} onChange={set('product')} />
          <InputField label="Goal" required value={customer.goal} onChange={set('goal')} />
          <InputField label="Tone" value={customer.tone} onChange={set('tone')} />
          <div className="sm:col-span-2 grid gap-2">
            <ProblemAlert error={saveCustomer.error ?? generate.error} />
            <Button type="submit" disabled={saveCustomer.isPending || generate.isPending} className="w-fit">
              <SparklesIcon aria-hidden /> {generate.isPending ? 'Generating…' : 'Generate script'}
            </Button>
          </div>
        </form>
      </Section>

      {script && (
        <Section
          title="2. Script"
          description={`Version ${script.version}, written by ${script.source === 'llm' ? 'the AI provider chain' : 'the offline template'}. Edit it before calling; edits are saved as a new version.`}
        >
          <div className="grid gap-4">
            <InputField label="First sentence" value={firstSentence} onChange={(e) => setFirstSentence(e.target.value)} />
            <TextareaField label="Script" rows={14} value={text} onChange={(e) => setText(e.target.value)} />
            <div className="flex flex-wrap items-end gap-3">
              <InputField
                label="Max duration (minutes)"
                type="number"
                min={1}
                max={60}
                value={maxMinutes}
                onChange={(e) => setMaxMinutes(e.target.value)}
              />
              <Button onClick={() => void onCall().catch(() => {})} disabled={place.isPending || revise.isPending}>
                <PhoneCallIcon aria-hidden /> {place.isPending ? 'Calling…' : 'Call now'}
              </Button>
            </div>
            <ProblemAlert error={revise.error ?? place.error} />
            {notice && <p className="text-sm text-warning-foreground">{notice}</p>}
          </div>
        </Section>
      )}

      {callId && (
        <Section title="3. Call" description="The status updates by itself; refresh the transcript to read what was said so far.">
          <CallDetail callId={callId} />
        </Section>
      )}
    </div>
  )
}
