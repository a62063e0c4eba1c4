import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { RetentionPanel } from '@/features/privacy/components/retention-panel'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function PrivacyRoute() {
  useDocumentTitle('Data retention')
  return (
    <>
      <PageHeader
        title="Data retention"
        description="How long conversation history is kept, and the purge that enforces it. Export or erase one person's data from their contact."
      />
      <Section
        title="Retention"
        description="Your plan sets the window. Conversations under legal hold (set in the inbox) are never purged."
      >
        <RetentionPanel />
      </Section>
    </>
  )
}
