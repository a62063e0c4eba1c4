import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { TemplateDialog } from '@/features/campaigns/components/template-dialog'
import { TemplatesTable } from '@/features/campaigns/components/templates-table'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function TemplatesRoute() {
  useDocumentTitle('Templates')
  return (
    <>
      <PageHeader
        title="Message templates"
        description="What campaigns send. WhatsApp templates go to Meta for review (status updates arrive by webhook and polling); SMS, web chat and sandbox templates are local."
        actions={<TemplateDialog />}
      />
      <Section title="Templates">
        <TemplatesTable />
      </Section>
    </>
  )
}
