import { ExternalLinkIcon } from 'lucide-react'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { formatDate } from '@/lib/format'
import { useBilling, usePortal } from '../api/billing'
import { formatMoney } from '../format'

const STATUS_LABELS: Record<string, string> = {
  trialing: 'Trial',
  active: 'Active',
  past_due: 'Payment failed',
  canceled: 'Canceled',
  expired: 'Expired',
}

/** Current plan, its state and the billing mode, with the Stripe portal in stripe mode. */
export function PlanOverview({ canManage }: { canManage: boolean }) {
  const billing = useBilling()
  const portal = usePortal()
  return (
    <QueryState query={billing}>
      {(b) => (
        <div className="grid gap-3" data-testid="plan-overview">
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-xl font-semibold" data-testid="current-plan">
              {b.plan.name}
            </span>
            <Badge variant={b.status === 'active' || b.status === 'trialing' ? 'secondary' : 'destructive'}>
              {STATUS_LABELS[b.status] ?? b.status}
            </Badge>
            <Badge variant="outline" data-testid="billing-mode">
              {b.mode === 'stripe' ? 'Stripe billing' : 'Manual billing'}
            </Badge>
          </div>
          <p className="text-sm text-muted-foreground">
            {b.plan.trial
              ? `Trial ends ${formatDate(b.periodEnd)}.`
              : `${formatMoney(b.plan.priceMinor, b.plan.currency)} per ${b.plan.periodDays} days${b.renewsAt ? `; usage resets ${formatDate(b.renewsAt)}` : ''}.`}
            {b.cancelAtPeriodEnd && ' Cancels at the end of the period.'}
          </p>
          {b.status === 'past_due' && (
            <p className="text-sm text-destructive">
              The last payment failed. The plan stays until {formatDate(b.graceUntil)}; then the organization moves to
              Trial. Nothing is deleted.
            </p>
          )}
          {!b.usable && (
            <p className="text-sm text-destructive">AI replies and calls are paused: choose a plan to continue.</p>
          )}
          {b.mode === 'manual' ? (
            <p className="text-sm text-muted-foreground">
              Manual mode: no Stripe key is configured, so a platform administrator assigns plans and grants credits.
            </p>
          ) : (
            canManage && (
              <div>
                <Button
                  variant="outline"
                  onClick={() =>
                    portal.mutate(undefined, { onSuccess: (r) => globalThis.location.assign(r.url) })
                  }
                  disabled={portal.isPending}
                >
                  <ExternalLinkIcon aria-hidden />
                  Payment methods and invoices
                </Button>
              </div>
            )
          )}
          <ProblemAlert error={portal.error} />
        </div>
      )}
    </QueryState>
  )
}
