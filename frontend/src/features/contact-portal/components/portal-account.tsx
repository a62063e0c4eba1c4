import { MessagesSquareIcon } from 'lucide-react'
import { useEffect, useState } from 'react'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { EmptyState } from '@/components/empty-state'
import { Pagination } from '@/components/pagination'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { formatDate, formatDateTime } from '@/lib/format'
import { toPage } from '@/lib/pagination'
import { cn } from '@/lib/utils'
import { usePortalCancel, usePortalCheckout, usePortalHistory, usePortalMe, type PortalMe } from '../api/portal'

function money(minor: number, currency: string) {
  return minor === 0 ? 'Free' : new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100)
}

function count(value: number | null | undefined, unit: string) {
  return value == null ? `Unlimited ${unit}` : `${new Intl.NumberFormat().format(value)} ${unit}`
}

function PlanCard({ me, token }: { me: PortalMe; token: string }) {
  const cancel = usePortalCancel(token)
  const status = me.plan
  const percent = Math.min(100, status.percent ?? 0)
  const live = status.subscription && status.subscription.status !== 'cancelled'
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <span data-testid="portal-plan-name">{status.plan ? status.plan.name : 'No plan'}</span>
          {status.onFreeAllowance && (
            <Badge variant="secondary" className="ml-2">
              Free allowance
            </Badge>
          )}
          {status.subscription?.cancelAtPeriodEnd && (
            <Badge variant="warning" className="ml-2">
              Ends {formatDate(status.subscription.periodEnd)}
            </Badge>
          )}
        </CardTitle>
        <CardDescription>{me.name ?? me.phone}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {status.plan && (
          <div className="grid gap-1">
            <div className="flex justify-between text-sm">
              <span>Replies this period</span>
              <span data-testid="portal-usage">
                {status.used} / {count(status.limit, '').trim()}
              </span>
            </div>
            <div
              role="progressbar"
              aria-label="Replies used"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              className="h-2 overflow-hidden rounded-full bg-muted"
            >
              <div
                className={cn('h-full rounded-full', percent >= 100 ? 'bg-destructive' : 'bg-primary')}
                style={{ width: `${status.limit == null ? 0 : percent}%` }}
              />
            </div>
            <span className="text-xs text-muted-foreground">
              {status.windowEnd && `Renews ${formatDate(status.windowEnd)}. `}
              History kept: {status.historyDays == null ? 'unlimited' : `${status.historyDays} days`}.
            </span>
          </div>
        )}
        <ProblemAlert error={cancel.error} />
        {live && (
          <ConfirmDialog
            trigger={
              <Button variant="outline" className="w-fit">
                Cancel my plan
              </Button>
            }
            title="Cancel your plan?"
            description={
              status.subscription?.source === 'stripe'
                ? 'It stays active until the end of the period you paid for.'
                : 'You go back to the free allowance now.'
            }
            confirmLabel="Cancel plan"
            onConfirm={() => cancel.mutateAsync()}
          />
        )}
      </CardContent>
    </Card>
  )
}

function Offers({ me, token }: { me: PortalMe; token: string }) {
  const checkout = usePortalCheckout(token)
  if (me.offered.length === 0) return null
  return (
    <Card>
      <CardHeader>
        <CardTitle>Plans</CardTitle>
        <CardDescription>
          {me.mode === 'stripe'
            ? 'Pay securely with Stripe; your plan starts as soon as the payment goes through.'
            : 'To change your plan, ask our team in the chat: they switch it for you.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ProblemAlert error={checkout.error} />
        <ul className="grid gap-2">
          {me.offered.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3">
              <span className="grid">
                <span className="font-medium">
                  {p.name} · {money(p.priceMinor, p.currency)} / {p.periodDays} days
                </span>
                <span className="text-xs text-muted-foreground">
                  {count(p.aiReplies, 'replies')} · history {p.historyDays == null ? 'unlimited' : `${p.historyDays} days`}
                </span>
              </span>
              {me.mode === 'stripe' && me.plan.plan?.id !== p.id && (
                <Button
                  size="sm"
                  disabled={checkout.isPending}
                  onClick={() =>
                    checkout.mutate(p.id, { onSuccess: (result) => globalThis.location.assign(result.url) })
                  }
                >
                  Choose {p.name}
                </Button>
              )}
              {me.plan.plan?.id === p.id && <Badge>Your plan</Badge>}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  )
}

function History({ token }: { token: string }) {
  const [page, setPage] = useState(0)
  const history = usePortalHistory(token, page)
  return (
    <Card>
      <CardHeader>
        <CardTitle>Your conversation history</CardTitle>
      </CardHeader>
      <CardContent>
        <QueryState query={history}>
          {(data) => {
            const p = toPage(data)
            if (p.items.length === 0 && p.page === 0) {
              return <EmptyState icon={MessagesSquareIcon} title="No messages yet" />
            }
            return (
              <>
                <ol className="grid gap-2" aria-label="Messages">
                  {p.items.map((m) => (
                    <li
                      key={m.id}
                      className={cn(
                        'max-w-[85%] rounded-lg px-3 py-2 text-sm whitespace-pre-wrap',
                        m.direction === 'inbound' ? 'justify-self-end bg-primary text-primary-foreground' : 'bg-muted',
                      )}
                    >
                      {m.text}
                      <span className="mt-1 block text-[11px] opacity-70">{formatDateTime(m.createdAt)}</span>
                    </li>
                  ))}
                </ol>
                <Pagination page={p} onPageChange={setPage} />
              </>
            )
          }}
        </QueryState>
      </CardContent>
    </Card>
  )
}

/** What a signed-in contact sees: plan and usage, plans on offer, history; signs out on an expired token. */
export function PortalAccount({ token, onSignOut }: { token: string; onSignOut: () => void }) {
  const me = usePortalMe(token)
  const expired = me.isError && (me.error as { status?: number }).status === 401
  useEffect(() => {
    if (expired) onSignOut()
  }, [expired, onSignOut])
  if (expired) return null
  return (
    <div className="grid gap-4">
      <div className="flex justify-end">
        <Button variant="ghost" size="sm" onClick={onSignOut}>
          Sign out
        </Button>
      </div>
      <QueryState query={me}>
        {(data) => (
          <>
            <PlanCard me={data} token={token} />
            <Offers me={data} token={token} />
            <History token={token} />
          </>
        )}
      </QueryState>
    </div>
  )
}
