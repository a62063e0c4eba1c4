import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { ChannelsTable } from '@/features/channels/components/channels-table'
import { ConnectChannelDialog } from '@/features/channels/components/connect-channel-dialog'
import { QueueHealthCard } from '@/features/channels/components/queue-health-card'
import { useDocumentTitle } from '@/hooks/use-document-title'
import { useCanManageOrganization } from '@/lib/auth'

export default function ChannelsRoute() {
  useDocumentTitle('Channels')
  const canManage = useCanManageOrganization()
  return (
    <>
      <PageHeader
        title="Channels"
        description="Where your customers reach you: WhatsApp, SMS, web chat, or a sandbox for trying things out."
        actions={canManage && <ConnectChannelDialog />}
      />
      <Section title="Channels">
        <ChannelsTable emptyAction={canManage ? <ConnectChannelDialog /> : undefined} />
      </Section>
      <Section title="Queue health" description="Inbound: webhooks waiting to reach the Inbox. Outbound: replies waiting to be sent.">
        <QueueHealthCard />
      </Section>
    </>
  )
}
