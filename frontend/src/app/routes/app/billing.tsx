import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { CreditsPanel } from '@/features/billing/components/credits-panel'
import { PlanCards } from '@/features/billing/components/plan-cards'
import { PlanOverview } from '@/features/billing/components/plan-overview'
import { PlansEditor } from '@/features/billing/components/plans-editor'
import { StatementTable } from '@/features/billing/components/statement-table'
import { UsageBars } from '@/features/billing/components/usage-bars'
import { useCredits } from '@/features/billing/api/billing'
import { useDocumentTitle } from '@/hooks/use-document-title'
import { useMe } from '@/lib/auth'
import { canManageOrganization } from '@/lib/roles'

export default function BillingRoute() {
  useDocumentTitle('Billing')
  const me = useMe().data
  const canManage = canManageOrganization(me?.role)
  const superAdmin = me?.user.platformRole === 'super_admin'
  const currency = useCredits().data?.currency ?? 'USD'
  return (
    <>
      <PageHeader title="Billing" description="Your plan, what it allows and what is used, and your prepaid credits." />
      <div className="grid gap-6">
        <Section title="Plan">
          <PlanOverview canManage={canManage} />
        </Section>
        <Section title="Usage" description="Warnings at 80 %; at 100 % the work stops until the period resets or you upgrade.">
          <UsageBars />
        </Section>
        <Section title="Plans">
          <PlanCards canManage={canManage} />
        </Section>
        <Section title="Credits" description="Prepaid credits pay for calls and pay-as-you-go messages.">
          <CreditsPanel canManage={canManage} superAdmin={superAdmin} />
        </Section>
        <Section title="Statement">
          <StatementTable currency={currency} />
        </Section>
        {superAdmin && (
          <Section title="Plan catalog (platform)" description="Plans are data: super admins edit prices and limits here.">
            <PlansEditor />
          </Section>
        )}
      </div>
    </>
  )
}
