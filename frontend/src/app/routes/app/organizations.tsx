import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { OrganizationsTable } from '@/features/organizations/components/organizations-table'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function OrganizationsRoute() {
  useDocumentTitle('Organizations')
  return (
    <>
      <PageHeader title="Organizations" description="Every organization on this Switchboard instance." />
      <Section title="All organizations">
        <OrganizationsTable />
      </Section>
    </>
  )
}
