import { InputField } from '@/components/field'
import { CopyButton } from '@/components/copy-button'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { SubmitButton } from '@/components/submit-button'
import { Badge } from '@/components/ui/badge'
import { useCanManageOrganization } from '@/lib/auth'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useContactPlanSettings, useSaveContactPlanSettings } from '../api/contact-plans'

/** Which mode contact billing runs in, the contacts' self-service page and the organisation's Stripe account. */
export function ContactBillingSettings() {
  const settings = useContactPlanSettings()
  const save = useSaveContactPlanSettings()
  const canManage = useCanManageOrganization()
  return (
    <QueryState query={settings}>
      {(s) => {
        const portal = `${globalThis.location.origin}${s.portalPath}`
        return (
          <div className="grid gap-4">
            <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="contact-billing-mode">
              <Badge variant={s.mode === 'stripe' ? 'default' : 'secondary'}>
                {s.mode === 'stripe' ? 'Stripe mode' : 'Manual mode'}
              </Badge>
              {s.mode === 'stripe'
                ? 'Contacts who reach their limit or ask to upgrade get a Stripe Checkout link in the chat; payment activates the plan.'
                : 'No Stripe key is configured: assign plans on a contact’s page. The chat tells contacts to ask your team.'}
            </div>
            <div className="grid gap-1 text-sm">
              <span className="font-medium">Self-service page for contacts</span>
              <span className="flex items-center gap-2">
                <a href={portal} className="break-all underline" target="_blank" rel="noreferrer">
                  {portal}
                </a>
                <CopyButton text={portal} />
              </span>
              <span className="text-xs text-muted-foreground">
                Contacts sign in with a code sent to their phone to see their plan, usage and history, and to cancel.
              </span>
            </div>
            {canManage && (
              <form
                className="grid max-w-md gap-3"
                onSubmit={(event) => save.mutate(readForm(event).stripeAccountId || null)}
              >
                <ProblemAlert error={save.error} fields={['stripeAccountId']} />
                <InputField
                  label="Your own Stripe account (Connect)"
                  name="stripeAccountId"
                  placeholder="acct_…"
                  defaultValue={s.stripeAccountId ?? ''}
                  hint="Empty = payments go to the platform's Stripe account."
                  error={fieldErrors(save.error).stripeAccountId}
                />
                <SubmitButton variant="outline" pending={save.isPending}>
                  Save account
                </SubmitButton>
              </form>
            )}
          </div>
        )
      }}
    </QueryState>
  )
}
