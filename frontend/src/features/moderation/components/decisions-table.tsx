import { ShieldCheckIcon } from 'lucide-react'
import { useState } from 'react'
import type { ModerationDecision } from '@/api/types'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { NativeSelect } from '@/components/ui/native-select'
import { formatDateTime } from '@/lib/format'
import { useModerationDecisions, type DecisionFilters } from '../api/moderation'
import { VerdictBadge } from './verdict-badge'

const STAGES: Record<string, string> = { inbound: 'Inbound', reply: 'Reply', call_prompt: 'Call prompt' }

const columns: Column<ModerationDecision>[] = [
  { header: 'When', cell: (decision) => <span className="whitespace-nowrap">{formatDateTime(decision.createdAt)}</span> },
  { header: 'Stage', cell: (decision) => STAGES[decision.stage] ?? decision.stage },
  { header: 'Verdict', cell: (decision) => <VerdictBadge verdict={decision.verdict} /> },
  {
    header: 'Findings',
    cell: (decision) =>
      decision.findings.length === 0 ? (
        <span className="text-xs text-muted-foreground">None</span>
      ) : (
        <ul className="grid gap-0.5 text-xs">
          {decision.findings.map((finding, index) => (
            <li key={index}>
              <span className="font-medium">{finding.rule}</span>: {finding.detail}
            </li>
          ))}
        </ul>
      ),
  },
  {
    header: 'Text',
    cell: (decision) => (
      <span className="block max-w-80 truncate text-xs" title={decision.excerpt}>
        {decision.excerpt}
      </span>
    ),
  },
  { header: 'Subject', cell: (decision) => <code className="font-mono text-xs">{decision.subjectRef ?? '—'}</code> },
]

export function DecisionsTable() {
  const [page, setPage] = useState(0)
  const [filters, setFilters] = useState<DecisionFilters>({ stage: '', verdict: '' })
  const decisions = useModerationDecisions(page, filters)
  const filter = (patch: Partial<DecisionFilters>) => {
    setPage(0)
    setFilters((current) => ({ ...current, ...patch }))
  }

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap gap-3">
        <label className="flex items-center gap-2 text-sm">
          Stage
          <NativeSelect className="w-40" value={filters.stage} onChange={(event) => filter({ stage: event.target.value })}>
            <option value="">All stages</option>
            <option value="inbound">Inbound</option>
            <option value="reply">Reply</option>
            <option value="call_prompt">Call prompt</option>
          </NativeSelect>
        </label>
        <label className="flex items-center gap-2 text-sm">
          Verdict
          <NativeSelect className="w-40" value={filters.verdict} onChange={(event) => filter({ verdict: event.target.value })}>
            <option value="">All verdicts</option>
            <option value="allow">Allow</option>
            <option value="flag">Flag</option>
            <option value="block">Block</option>
          </NativeSelect>
        </label>
      </div>
      <PagedTable
        query={decisions}
        columns={columns}
        rowKey={(decision) => String(decision.id)}
        label="Moderation decisions"
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={ShieldCheckIcon}
            title="No decisions yet"
            description="Every inbound message, generated reply and call prompt that is checked appears here with its reasons."
          />
        }
      />
    </div>
  )
}
