import { QueryState } from '@/components/query-state'
import { formatDateTime } from '@/lib/format'
import { cn } from '@/lib/utils'
import { useUsage, type Usage } from '../api/billing'
import { formatLimitValue, limitLabel, usageLevel } from '../format'

function UsageBar({ usage }: { usage: Usage }) {
  const level = usageLevel(usage.percent)
  const percent = Math.min(100, usage.percent ?? 0)
  return (
    <div className="grid gap-1" data-testid={`usage-${usage.limit}`} data-level={level}>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{limitLabel(usage.limit)}</span>
        <span className="text-muted-foreground">
          {usage.measured ? formatLimitValue(usage.limit, usage.used) : '—'} /{' '}
          {formatLimitValue(usage.limit, usage.limitValue)}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={limitLabel(usage.limit)}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn(
            'h-full rounded-full transition-all',
            level === 'exceeded' ? 'bg-destructive' : level === 'warning' ? 'bg-warning' : 'bg-primary',
          )}
          style={{ width: `${usage.limitValue === null ? 0 : percent}%` }}
        />
      </div>
      {level === 'warning' && (
        <p className="text-xs text-warning-foreground">Over 80 % used{usage.resetsAt ? `; resets ${formatDateTime(usage.resetsAt)}` : ''}.</p>
      )}
      {level === 'exceeded' && (
        <p className="text-xs text-destructive">
          Limit reached{usage.resetsAt ? `; resets ${formatDateTime(usage.resetsAt)}` : ': upgrade to continue'}.
        </p>
      )}
    </div>
  )
}

/** One progress bar per limit of the plan. */
export function UsageBars() {
  const usage = useUsage()
  return (
    <QueryState query={usage}>
      {(report) => (
        <div className="grid gap-4">
          <div className="grid gap-4 md:grid-cols-2">
            {report.limits.map((u) => (
              <UsageBar key={u.limit} usage={u} />
            ))}
          </div>
          <p className="text-xs text-muted-foreground">
            LLM this period: {report.llm.calls} calls, {report.llm.inputTokens + report.llm.outputTokens} tokens.
            Levels marked — are not reported yet by their module.
          </p>
        </div>
      )}
    </QueryState>
  )
}
