import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { CampaignDialog } from '@/features/campaigns/components/campaign-dialog'
import { CampaignsTable } from '@/features/campaigns/components/campaigns-table'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function CampaignsRoute() {
  useDocumentTitle('Campaigns')
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Send a template to a list of contacts: paced below the channel's limit, once per contact, opted-out contacts left out. Replies land in the inbox."
        actions={<CampaignDialog />}
      />
      <Section title="Campaigns">
        <CampaignsTable />
      </Section>
    </>
  )
}
