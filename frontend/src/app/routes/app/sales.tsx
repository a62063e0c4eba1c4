import { PageHeader } from '@/components/page-header'
import { ModeNotice } from '@/features/calls/components/mode-notice'
import { SalesFlow } from '@/features/calls/components/sales-flow'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function SalesRoute() {
  useDocumentTitle('Sales calls')
  return (
    <>
      <PageHeader
        title="Sales calls"
        description="Enter a customer, generate a call script from what you know, review it, and let the AI call them."
      />
      <ModeNotice />
      <SalesFlow />
    </>
  )
}
