import { useState } from 'react'
import type { WebhookEndpoint } from '@/api/types'
import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { CreateWebhookDialog } from '@/features/webhooks/components/create-webhook-dialog'
import { DeliveryLog } from '@/features/webhooks/components/delivery-log'
import { WebhookEndpointsTable } from '@/features/webhooks/components/webhook-endpoints-table'
import { useWebhookEndpoints } from '@/features/webhooks/api/webhooks'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function WebhooksRoute() {
  useDocumentTitle('Webhooks')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  // the selected endpoint as currently listed (its enabled state changes under the log)
  const endpoints = useWebhookEndpoints(0)
  const selected: WebhookEndpoint | undefined = endpoints.data?.items.find((e) => e.id === selectedId)
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Switchboard POSTs events to your endpoints, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp, webhook-signature), retried for up to 3 days."
        actions={<CreateWebhookDialog />}
      />
      <Section title="Endpoints">
        <WebhookEndpointsTable selectedId={selectedId} onSelect={(endpoint) => setSelectedId(endpoint.id)} />
      </Section>
      {selected && (
        <Section title="Delivery log" description={selected.url}>
          <DeliveryLog endpoint={selected} />
        </Section>
      )}
    </>
  )
}
