import { TrashIcon } from 'lucide-react'
import { useState } from 'react'
import type { LlmPrice } from '@/api/types'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { SubmitButton } from '@/components/submit-button'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { useCanManageOrganization } from '@/lib/auth'
import { useLlmPrices, useSaveLlmPrices } from '../api/llm'
import { dollarsToMicros, microsToDollars } from '../api/usage'

interface Draft {
  key: number
  model: string
  input: string
  output: string
  source: string
}

let nextKey = 0

function toDrafts(prices: LlmPrice[]): Draft[] {
  return prices.map((price) => ({
    key: nextKey++,
    model: price.model,
    input: microsToDollars(price.inputMicrosPerMillion),
    output: microsToDollars(price.outputMicrosPerMillion),
    source: price.source ?? 'default',
  }))
}

function PricesForm({ prices }: { prices: LlmPrice[] }) {
  const save = useSaveLlmPrices()
  const canManage = useCanManageOrganization()
  const [drafts, setDrafts] = useState<Draft[]>(() => toDrafts(prices))
  const [invalid, setInvalid] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  const change = (key: number, patch: Partial<Draft>) => {
    setSaved(false)
    setDrafts((current) => current.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)))
  }

  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault()
        setInvalid(null)
        const rows = []
        for (const draft of drafts) {
          if (draft.model.trim() === '') continue
          const input = dollarsToMicros(draft.input)
          const output = dollarsToMicros(draft.output)
          if (input === null || output === null) {
            setInvalid(`Prices of ${draft.model} must be numbers of dollars, e.g. 0.15`)
            return
          }
          rows.push({ model: draft.model.trim(), inputMicrosPerMillion: input, outputMicrosPerMillion: output })
        }
        save.mutate(rows, {
          onSuccess: (table) => {
            setDrafts(toDrafts(table.prices))
            setSaved(true)
          },
        })
      }}
    >
      <ProblemAlert error={save.error} />
      {invalid && (
        <p role="alert" className="text-sm text-destructive">
          {invalid}
        </p>
      )}
      <Table aria-label="Model prices">
        <TableHeader>
          <TableRow>
            <TableHead>Model (prefix)</TableHead>
            <TableHead>Input $ / 1M tokens</TableHead>
            <TableHead>Output $ / 1M tokens</TableHead>
            <TableHead>Source</TableHead>
            <TableHead className="text-right">
              <span className="sr-only">Remove</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {drafts.map((draft) => (
            <TableRow key={draft.key}>
              <TableCell>
                <Input
                  aria-label="Model"
                  value={draft.model}
                  disabled={!canManage || draft.source === 'default'}
                  onChange={(event) => change(draft.key, { model: event.target.value })}
                />
              </TableCell>
              <TableCell>
                <Input
                  aria-label={`Input price of ${draft.model}`}
                  inputMode="decimal"
                  value={draft.input}
                  disabled={!canManage}
                  onChange={(event) => change(draft.key, { input: event.target.value })}
                />
              </TableCell>
              <TableCell>
                <Input
                  aria-label={`Output price of ${draft.model}`}
                  inputMode="decimal"
                  value={draft.output}
                  disabled={!canManage}
                  onChange={(event) => change(draft.key, { output: event.target.value })}
                />
              </TableCell>
              <TableCell>
                {draft.source === 'default' ? <Badge variant="outline">Default</Badge> : <Badge variant="secondary">Yours</Badge>}
              </TableCell>
              <TableCell className="text-right">
                {canManage && draft.source !== 'default' && (
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    aria-label={`Remove ${draft.model || 'row'}`}
                    onClick={() => setDrafts((current) => current.filter((entry) => entry.key !== draft.key))}
                  >
                    <TrashIcon aria-hidden />
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {canManage && (
        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="button"
            variant="outline"
            onClick={() =>
              setDrafts((current) => [...current, { key: nextKey++, model: '', input: '0', output: '0', source: 'new' }])
            }
          >
            Add model
          </Button>
          <SubmitButton pending={save.isPending}>Save prices</SubmitButton>
          {saved && <span className="text-sm text-muted-foreground">Saved.</span>}
        </div>
      )}
    </form>
  )
}

export function PricesEditor() {
  const prices = useLlmPrices()
  return <QueryState query={prices}>{(table) => <PricesForm prices={table.prices} />}</QueryState>
}
