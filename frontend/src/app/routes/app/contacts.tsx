import { PageHeader } from '@/components/page-header'
import { ContactCalls } from '@/features/calls/components/contact-calls'
import { ContactPlanPanel } from '@/features/contact-plans/components/contact-plan-panel'
import { ContactsDirectory } from '@/features/contacts/components/contacts-directory'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function ContactsRoute() {
  useDocumentTitle('Contacts')
  return (
    <>
      <PageHeader title="Contacts" description="The people you talk to on every channel." />
      <ContactsDirectory
        contactExtras={(contactId) => (
          <>
            <ContactPlanPanel contactId={contactId} />
            <ContactCalls contactId={contactId} />
          </>
        )}
      />
    </>
  )
}
