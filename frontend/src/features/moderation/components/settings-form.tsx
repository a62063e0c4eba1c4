import { useState } from 'react'
import type { ModerationSettings } from '@/api/types'
import { TextareaField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { SubmitButton } from '@/components/submit-button'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import { useCanManageOrganization } from '@/lib/auth'
import { fieldErrors } from '@/lib/problem'
import { parseTerms, useModerationSettings, useSaveModerationSettings } from '../api/moderation'

type Flag = 'maskPii' | 'blockPromptInjection' | 'useOpenAiModeration'

const FLAGS: { name: Flag; label: string; hint: string }[] = [
  {
    name: 'maskPii',
    label: 'Mask personal data',
    hint: 'E-mail addresses, phone, card and IBAN numbers are replaced by placeholders before use and in the log.',
  },
  {
    name: 'blockPromptInjection',
    label: 'Block prompt-injection attempts',
    hint: 'Messages that try to change the agent’s instructions are blocked instead of flagged for review.',
  },
  {
    name: 'useOpenAiModeration',
    label: 'Also use OpenAI moderation',
    hint: 'Needs an OpenAI provider (or OPENAI_API_KEY). If the API fails, the built-in rules decide and the log says so.',
  },
]

function Form({ settings }: { settings: ModerationSettings }) {
  const save = useSaveModerationSettings()
  const canManage = useCanManageOrganization()
  const [terms, setTerms] = useState(settings.blockedTerms.join('\n'))
  const [flags, setFlags] = useState<Record<Flag, boolean>>({
    maskPii: settings.maskPii,
    blockPromptInjection: settings.blockPromptInjection,
    useOpenAiModeration: settings.useOpenAiModeration,
  })
  const errors = fieldErrors(save.error)
  const termError = Object.entries(errors).find(([field]) => field.startsWith('blockedTerms'))?.[1]

  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate({ blockedTerms: parseTerms(terms), ...flags })
      }}
    >
      <ProblemAlert error={save.error} fields={Object.keys(errors).filter((field) => field.startsWith('blockedTerms'))} />
      <TextareaField
        label="Blocked terms"
        name="blockedTerms"
        rows={5}
        value={terms}
        disabled={!canManage}
        onChange={(event) => setTerms(event.target.value)}
        hint="One per line. Matched as whole words in any case; a match blocks the text."
        error={termError}
      />
      {FLAGS.map((flag) => (
        <div key={flag.name} className="flex items-start gap-3">
          <Checkbox
            id={`moderation-${flag.name}`}
            checked={flags[flag.name]}
            disabled={!canManage}
            onCheckedChange={(checked) => setFlags((current) => ({ ...current, [flag.name]: checked === true }))}
          />
          <div className="grid gap-1">
            <Label htmlFor={`moderation-${flag.name}`}>{flag.label}</Label>
            <p className="text-xs text-muted-foreground">{flag.hint}</p>
          </div>
        </div>
      ))}
      {canManage && (
        <div className="flex items-center gap-2">
          <SubmitButton pending={save.isPending}>Save settings</SubmitButton>
          {save.isSuccess && <span className="text-sm text-muted-foreground">Saved.</span>}
        </div>
      )}
    </form>
  )
}

export function ModerationSettingsForm() {
  const settings = useModerationSettings()
  return <QueryState query={settings}>{(data) => <Form settings={data} />}</QueryState>
}
