import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { ApiKeysTable } from '@/features/api-keys/components/api-keys-table'
import { CreateApiKeyDialog } from '@/features/api-keys/components/create-api-key-dialog'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function ApiKeysRoute() {
  useDocumentTitle('API keys')
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let your own programs call the Switchboard API. Send them as “Authorization: Bearer <key>”."
        actions={<CreateApiKeyDialog />}
      />
      <Section title="Keys">
        <ApiKeysTable />
      </Section>
    </>
  )
}
