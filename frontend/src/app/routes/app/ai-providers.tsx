import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { LlmModeBadge, OfflineBanner } from '@/features/llm/components/llm-mode'
import { PricesEditor } from '@/features/llm/components/prices-editor'
import { ProviderDialog } from '@/features/llm/components/provider-dialog'
import { ProvidersTable } from '@/features/llm/components/providers-table'
import { UsageChart } from '@/features/llm/components/usage-chart'
import { useDocumentTitle } from '@/hooks/use-document-title'
import { useCanManageOrganization } from '@/lib/auth'

export default function AiProvidersRoute() {
  useDocumentTitle('AI providers')
  const canManage = useCanManageOrganization()
  return (
    <>
      <PageHeader
        title="AI providers"
        description={
          <span className="flex flex-wrap items-center gap-2">
            Models your agents can use, tried in order with automatic fallback. <LlmModeBadge />
          </span>
        }
        actions={canManage && <ProviderDialog />}
      />
      <OfflineBanner />
      <Section title="Providers" description="API keys are stored encrypted and never shown again.">
        <ProvidersTable emptyAction={canManage ? <ProviderDialog /> : undefined} />
      </Section>
      <Section title="Usage" description="Tokens and cost of provider calls per day (UTC).">
        <UsageChart />
      </Section>
      <Section
        title="Prices"
        description="Price per million tokens. A model takes the price of the longest name it starts with; your prices override the defaults."
      >
        <PricesEditor />
      </Section>
    </>
  )
}
