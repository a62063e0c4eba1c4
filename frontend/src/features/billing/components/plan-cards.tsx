import { CheckIcon } from 'lucide-react'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from '@/components/ui/card'
import { useBilling, usePlanCheckout, usePlans, type Plan } from '../api/billing'
import { formatLimitValue, formatMoney, limitLabel } from '../format'

const SHOWN_LIMITS = ['aiReplies', 'activeChannels', 'agents', 'seats'] as const

/** The offered plans; in stripe mode an upgrade goes through Stripe Checkout. */
export function PlanCards({ canManage }: { canManage: boolean }) {
  const plans = usePlans()
  const billing = useBilling()
  const checkout = usePlanCheckout()
  const current = billing.data?.plan.id
  const stripe = billing.data?.mode === 'stripe'
  return (
    <QueryState query={plans}>
      {(list) => (
        <div className="grid gap-3">
          <ProblemAlert error={checkout.error} />
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {list.map((plan: Plan) => (
              <Card key={plan.id} data-testid={`plan-${plan.id}`} className={plan.id === current ? 'border-primary' : ''}>
                <CardHeader>
                  <CardTitle>{plan.name}</CardTitle>
                  <p className="text-2xl font-semibold">
                    {plan.trial ? 'Free' : formatMoney(plan.priceMinor, plan.currency)}
                    {!plan.trial && plan.priceMinor !== null && (
                      <span className="text-sm font-normal text-muted-foreground"> / {plan.periodDays} days</span>
                    )}
                  </p>
                </CardHeader>
                <CardContent className="grid gap-1 text-sm">
                  <p className="text-muted-foreground">{plan.description}</p>
                  {SHOWN_LIMITS.map((limit) => (
                    <p key={limit} className="flex items-center gap-1">
                      <CheckIcon aria-hidden className="size-3" />
                      {formatLimitValue(limit, plan.limits[limit])} {limitLabel(limit).toLowerCase()}
                    </p>
                  ))}
                  <p className="flex items-center gap-1">
                    <CheckIcon aria-hidden className="size-3" />
                    {plan.historyDays === null ? 'Unlimited' : `${plan.historyDays} days`} history
                  </p>
                </CardContent>
                <CardFooter>
                  {plan.id === current ? (
                    <Button variant="outline" disabled className="w-full">
                      Current plan
                    </Button>
                  ) : plan.trial || plan.priceMinor === null ? (
                    <Button variant="outline" disabled className="w-full">
                      {plan.priceMinor === null ? 'Contact us' : 'Trial'}
                    </Button>
                  ) : (
                    <Button
                      className="w-full"
                      disabled={!stripe || !canManage || checkout.isPending}
                      title={stripe ? undefined : 'Manual billing: a platform administrator assigns plans'}
                      onClick={() =>
                        checkout.mutate(plan.id, { onSuccess: (r) => globalThis.location.assign(r.url) })
                      }
                    >
                      Upgrade to {plan.name}
                    </Button>
                  )}
                </CardFooter>
              </Card>
            ))}
          </div>
        </div>
      )}
    </QueryState>
  )
}
