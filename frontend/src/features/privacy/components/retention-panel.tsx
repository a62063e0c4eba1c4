import { ArchiveIcon, PlayIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import type { RetentionRun } from '@/api/types'
import type { Column } from '@/components/data-table'
import { DataTable } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { formatDateTime } from '@/lib/format'
import { intervalLabel, useRetentionStatus, useRunRetention, windowLabel } from '../api/retention'

const RUN_COLUMNS: Column<RetentionRun>[] = [
  { header: 'Started', cell: (run) => formatDateTime(run.startedAt) },
  { header: 'Trigger', cell: (run) => <Badge variant="outline">{run.trigger}</Badge> },
  { header: 'Window', cell: (run) => windowLabel(run.historyDays) },
  { header: 'Messages', cell: (run) => run.messagesDeleted, className: 'text-right' },
  { header: 'Files', cell: (run) => run.filesDeleted, className: 'text-right' },
  { header: 'Conversations', cell: (run) => run.conversationsDeleted, className: 'text-right' },
  {
    header: 'Result',
    cell: (run) =>
      run.error ? (
        <Badge variant="destructive" title={run.error}>
          Stopped
        </Badge>
      ) : run.finishedAt ? (
        'Done'
      ) : (
        'Running…'
      ),
  },
]

function Fact({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  )
}

/** Data retention: how long history is kept, the next purge, recent runs and "purge now". */
export function RetentionPanel() {
  const status = useRetentionStatus()
  const run = useRunRetention()
  return (
    <QueryState query={status}>
      {(s) => (
        <div className="grid gap-4">
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Fact label="History kept" value={windowLabel(s.historyDays)} testId="retention-window" />
            <Fact label="Decided by" value={s.source.replace(/^plan:/, 'plan ')} />
            <Fact label="Conversations on legal hold" value={s.legalHolds} testId="retention-legal-holds" />
            <Fact
              label="Next scheduled run"
              value={`${formatDateTime(s.nextRunAt)} (every ${intervalLabel(s.interval)})`}
            />
          </dl>
          <p className="text-sm text-muted-foreground">
            {s.cutoff
              ? `Messages older than ${formatDateTime(s.cutoff)} are deleted with their files and search entries, except in conversations under legal hold.`
              : 'Your plan keeps conversation history without limit: nothing is purged.'}
            {s.contactsWithOwnWindow > 0 && ` ${s.contactsWithOwnWindow} contacts have their own window (contact plans).`}
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={() => run.mutate()} disabled={run.isPending}>
              {run.isPending ? <Spinner aria-hidden /> : <PlayIcon aria-hidden />}
              Purge now
            </Button>
            {run.data && (
              <p role="status" className="text-sm" data-testid="retention-run-result">
                Purged {run.data.messagesDeleted} messages, {run.data.filesDeleted} files and{' '}
                {run.data.conversationsDeleted} conversations.
              </p>
            )}
          </div>
          <ProblemAlert error={run.error} />
          {s.recentRuns.length === 0 ? (
            <EmptyState
              icon={ArchiveIcon}
              title="No purge has run yet"
              description="Runs appear here with what they removed; the audit log records them as retention.purged."
            />
          ) : (
            <DataTable rows={s.recentRuns} columns={RUN_COLUMNS} rowKey={(r) => r.id} label="Recent purge runs" />
          )}
        </div>
      )}
    </QueryState>
  )
}
