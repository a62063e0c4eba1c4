import { PageHeader } from '@/components/page-header'
import { DevMailbox } from '@/features/mailbox/components/dev-mailbox'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function MailboxRoute() {
  useDocumentTitle('Mailbox')
  return (
    <>
      <PageHeader title="Mailbox" description="Emails this instance would have sent." />
      <DevMailbox />
    </>
  )
}
