import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { AuditLog } from '@/features/audit/components/audit-log'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function AuditRoute() {
  useDocumentTitle('Audit log')
  return (
    <>
      <PageHeader title="Audit log" description="Who did what in this organization, and when." />
      <Section title="Events">
        <AuditLog />
      </Section>
    </>
  )
}
