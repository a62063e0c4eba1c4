import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { ContactBillingSettings } from '@/features/contact-plans/components/contact-billing-settings'
import { ContactPlansManager } from '@/features/contact-plans/components/contact-plans-manager'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function ContactPlansRoute() {
  useDocumentTitle('Contact plans')
  return (
    <>
      <PageHeader
        title="Contact plans"
        description="Plans you sell to your own contacts: AI replies per period, days of history kept and a messages-per-minute limit."
      />
      <div className="grid gap-6">
        <Section title="Plans">
          <ContactPlansManager />
        </Section>
        <Section title="Payments and self-service">
          <ContactBillingSettings />
        </Section>
      </div>
    </>
  )
}
