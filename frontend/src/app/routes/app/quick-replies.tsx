import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { QuickRepliesTable } from '@/features/quick-replies/components/quick-replies-table'
import { QuickReplyDialog } from '@/features/quick-replies/components/quick-reply-dialog'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function QuickRepliesRoute() {
  useDocumentTitle('Quick replies')
  return (
    <>
      <PageHeader
        title="Quick replies"
        description="Canned answers for the inbox: type / in the composer, pick one, and it is inserted with the contact's details filled in."
        actions={<QuickReplyDialog />}
      />
      <Section title="Quick replies">
        <QuickRepliesTable />
      </Section>
    </>
  )
}
