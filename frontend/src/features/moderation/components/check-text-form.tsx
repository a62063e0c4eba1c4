import { useState } from 'react'
import { SelectField, TextareaField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { useCheckText } from '../api/moderation'
import { VerdictBadge } from './verdict-badge'

/** Try a text against the current settings; the decision is logged like any other. */
export function CheckTextForm() {
  const check = useCheckText()
  const [text, setText] = useState('')
  const [stage, setStage] = useState('inbound')
  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault()
        check.mutate({ text, stage })
      }}
    >
      <ProblemAlert error={check.error} fields={['text']} />
      <TextareaField label="Text" name="text" rows={3} required maxLength={20000} value={text} onChange={(event) => setText(event.target.value)} />
      <SelectField label="As" name="stage" value={stage} onChange={(event) => setStage(event.target.value)}>
        <option value="inbound">An inbound message</option>
        <option value="reply">A generated reply</option>
        <option value="call_prompt">A call prompt</option>
      </SelectField>
      <div className="flex items-center gap-3">
        <SubmitButton pending={check.isPending}>Check</SubmitButton>
        {check.data && (
          <span className="flex items-center gap-2 text-sm" data-testid="check-result">
            <VerdictBadge verdict={check.data.verdict} />
            {check.data.findings.length === 0 ? 'No findings' : check.data.findings.map((f) => f.rule).join(', ')}
          </span>
        )}
      </div>
    </form>
  )
}
