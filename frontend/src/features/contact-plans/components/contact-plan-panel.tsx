import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { SubmitButton } from '@/components/submit-button'
import { Badge } from '@/components/ui/badge'
import { NativeSelect } from '@/components/ui/native-select'
import { useCanManageOrganization } from '@/lib/auth'
import { formatDate } from '@/lib/format'
import { cn } from '@/lib/utils'
import { useState } from 'react'
import {
  useAssignContactPlan,
  useCancelContactPlan,
  useContactPlanStatus,
  useContactPlans,
  type ContactPlanStatus,
} from '../api/contact-plans'
import { orUnlimited } from '../format'

function UsageBar({ status }: { status: ContactPlanStatus }) {
  const percent = Math.min(100, status.percent ?? 0)
  const level = percent >= 100 ? 'exceeded' : percent >= 80 ? 'warning' : 'ok'
  return (
    <div className="grid gap-1" data-testid="contact-usage" data-level={level}>
      <div className="flex justify-between text-sm">
        <span>AI replies this period</span>
        <span className="text-muted-foreground">
          {status.used} / {orUnlimited(status.limit)}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="AI replies used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn(
            'h-full rounded-full',
            level === 'exceeded' ? 'bg-destructive' : level === 'warning' ? 'bg-warning' : 'bg-primary',
          )}
          style={{ width: `${status.limit == null ? 0 : percent}%` }}
        />
      </div>
      {status.windowEnd && <span className="text-xs text-muted-foreground">Renews {formatDate(status.windowEnd)}</span>}
    </div>
  )
}

function AssignForm({ contactId, current }: { contactId: string; current?: string }) {
  const plans = useContactPlans()
  const assign = useAssignContactPlan(contactId)
  const [planId, setPlanId] = useState(current ?? '')
  const choices = (plans.data ?? []).filter((p) => !p.freeAllowance)
  if (choices.length === 0) return null
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault()
        if (planId) assign.mutate(planId)
      }}
    >
      <ProblemAlert error={assign.error} />
      <label className="grid gap-1 text-sm">
        <span>Assign a plan</span>
        <NativeSelect aria-label="Contact plan" value={planId} onChange={(event) => setPlanId(event.target.value)}>
          <option value="">Choose…</option>
          {choices.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </NativeSelect>
      </label>
      <SubmitButton size="sm" pending={assign.isPending} disabled={!planId}>
        Assign
      </SubmitButton>
    </form>
  )
}

/** A contact's plan, usage this period and (for admins) assignment and cancellation. */
export function ContactPlanPanel({ contactId }: { contactId: string }) {
  const status = useContactPlanStatus(contactId)
  const cancel = useCancelContactPlan(contactId)
  const canManage = useCanManageOrganization()
  return (
    <section className="grid gap-3 rounded-lg border p-3" aria-label="Contact plan">
      <QueryState query={status} skeletonRows={2}>
        {(s) => {
          const live = s.subscription && s.subscription.status !== 'cancelled'
          return (
            <>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">Plan:</span>
                {s.plan ? <span data-testid="contact-plan-name">{s.plan.name}</span> : <span>Not limited</span>}
                {s.onFreeAllowance && <Badge variant="secondary">Free allowance</Badge>}
                {s.subscription && (
                  <Badge variant={s.subscription.status === 'active' ? 'default' : 'outline'}>
                    {s.subscription.status}
                    {s.subscription.source === 'stripe' ? ' (Stripe)' : ''}
                  </Badge>
                )}
                {s.subscription?.cancelAtPeriodEnd && <Badge variant="warning">Ends {formatDate(s.subscription.periodEnd)}</Badge>}
              </div>
              {s.plan && <UsageBar status={s} />}
              {s.plan && (
                <span className="text-xs text-muted-foreground">
                  History kept: {orUnlimited(s.historyDays, ' days')}
                  {s.plan.messagesPerMinute != null && ` · up to ${s.plan.messagesPerMinute} messages per minute`}
                </span>
              )}
              {canManage && (
                <div className="flex flex-wrap items-end gap-3">
                  <AssignForm contactId={contactId} current={live ? s.subscription?.planId : undefined} />
                  {live && (
                    <SubmitButton variant="outline" size="sm" pending={cancel.isPending} onClick={() => cancel.mutate()}>
                      Cancel plan
                    </SubmitButton>
                  )}
                </div>
              )}
              <ProblemAlert error={cancel.error} />
            </>
          )
        }}
      </QueryState>
    </section>
  )
}
