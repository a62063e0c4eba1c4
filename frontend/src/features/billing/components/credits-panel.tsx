import { TriangleAlertIcon } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { SubmitButton } from '@/components/submit-button'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { readForm } from '@/lib/forms'
import { useCreditCheckout, useCreditSettings, useCredits, type CreditSummary } from '../api/billing'
import { formatMoney } from '../format'
import { GrantCreditsDialog } from './grant-credits-dialog'

/** Shown when available credits are under the organisation's threshold. */
export function LowBalanceBanner({ credits, link = false }: { credits: CreditSummary; link?: boolean }) {
  if (!credits.lowBalance) return null
  return (
    <Alert variant="destructive" data-testid="low-balance-banner">
      <TriangleAlertIcon aria-hidden />
      <AlertTitle>Credits are running low</AlertTitle>
      <AlertDescription>
        {formatMoney(credits.availableMinor, credits.currency)} available, below your alert threshold of{' '}
        {formatMoney(credits.lowBalanceThresholdMinor, credits.currency)}. Calls and pay-as-you-go work stop when
        credits run out.{' '}
        {link && (
          <Link to="/billing" className="underline">
            Open billing
          </Link>
        )}
      </AlertDescription>
    </Alert>
  )
}

function Amount({ label, minor, currency, testId }: { label: string; minor: number; currency: string; testId: string }) {
  return (
    <div className="grid gap-1 rounded-lg border p-3">
      <span className="text-xs text-muted-foreground">{label}</span>
      <span className="text-xl font-semibold" data-testid={testId}>
        {formatMoney(minor, currency)}
      </span>
    </div>
  )
}

/** Balance, available and held credits; buy (stripe), grant (admins), low-balance threshold. */
export function CreditsPanel({ canManage, superAdmin }: { canManage: boolean; superAdmin: boolean }) {
  const credits = useCredits()
  const buy = useCreditCheckout()
  const settings = useCreditSettings()
  const [editing, setEditing] = useState(false)
  return (
    <QueryState query={credits}>
      {(c) => (
        <div className="grid gap-4">
          <LowBalanceBanner credits={c} />
          <div className="grid gap-3 sm:grid-cols-3">
            <Amount label="Balance" minor={c.balanceMinor} currency={c.currency} testId="credits-balance" />
            <Amount label="Available" minor={c.availableMinor} currency={c.currency} testId="credits-available" />
            <Amount label="Held by work in progress" minor={c.heldMinor} currency={c.currency} testId="credits-held" />
          </div>
          <div className="flex flex-wrap items-end gap-3">
            {canManage && c.billingMode === 'stripe' && (
              <form
                className="flex items-end gap-2"
                onSubmit={(event) => {
                  const values = readForm(event)
                  const amount = Math.round(Number(values.amount ?? '0') * 100)
                  buy.mutate(amount, { onSuccess: (r) => globalThis.location.assign(r.url) })
                }}
              >
                <InputField label="Buy credits" name="amount" type="number" min="1" step="0.01" defaultValue="20" />
                <SubmitButton pending={buy.isPending}>Checkout</SubmitButton>
              </form>
            )}
            {((canManage && c.billingMode === 'manual') || superAdmin) && <GrantCreditsDialog />}
            {canManage && !editing && (
              <button type="button" className="text-sm underline" onClick={() => setEditing(true)}>
                Low-balance alert:{' '}
                {c.lowBalanceThresholdMinor == null ? 'off' : formatMoney(c.lowBalanceThresholdMinor, c.currency)}
                {c.billingMode === 'stripe' && (
                  <>
                    {' · '}Auto top-up:{' '}
                    {c.autoTopUp.enabled
                      ? `${formatMoney(c.autoTopUp.amountMinor, c.currency)} below ${formatMoney(c.autoTopUp.belowMinor, c.currency)}`
                      : 'off'}
                  </>
                )}
              </button>
            )}
            {editing && (
              <form
                className="flex flex-wrap items-end gap-2"
                aria-label="Credit alerts"
                onSubmit={(event) => {
                  const values = readForm(event)
                  const minor = (raw: string | undefined) =>
                    (raw ?? '').trim() === '' ? null : Math.round(Number(raw) * 100)
                  settings.mutate(
                    {
                      lowBalanceThresholdMinor: minor(values.threshold),
                      autoTopUpBelowMinor: minor(values.autoBelow),
                      autoTopUpAmountMinor: minor(values.autoAmount),
                    },
                    { onSuccess: () => setEditing(false) },
                  )
                }}
              >
                <InputField
                  label="Warn below"
                  name="threshold"
                  type="number"
                  min="0"
                  step="0.01"
                  hint="E-mail to owners and admins, and a banner. Empty turns it off."
                  defaultValue={c.lowBalanceThresholdMinor == null ? '' : String(c.lowBalanceThresholdMinor / 100)}
                />
                {c.billingMode === 'stripe' && (
                  <>
                    <InputField
                      label="Auto top-up below"
                      name="autoBelow"
                      type="number"
                      min="0"
                      step="0.01"
                      hint="Charges the card saved in the billing portal. Empty turns it off."
                      defaultValue={c.autoTopUp.belowMinor == null ? '' : String(c.autoTopUp.belowMinor / 100)}
                    />
                    <InputField
                      label="Top-up amount"
                      name="autoAmount"
                      type="number"
                      min="0.01"
                      step="0.01"
                      defaultValue={c.autoTopUp.amountMinor == null ? '' : String(c.autoTopUp.amountMinor / 100)}
                    />
                  </>
                )}
                <SubmitButton pending={settings.isPending}>Save</SubmitButton>
              </form>
            )}
          </div>
          {c.autoTopUp.lastError && (
            <Alert variant="destructive" data-testid="auto-top-up-error">
              <TriangleAlertIcon aria-hidden />
              <AlertTitle>Automatic top-up failed</AlertTitle>
              <AlertDescription>{c.autoTopUp.lastError}</AlertDescription>
            </Alert>
          )}
          <ProblemAlert error={buy.error ?? settings.error} />
        </div>
      )}
    </QueryState>
  )
}
