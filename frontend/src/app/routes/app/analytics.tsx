import { PageHeader } from '@/components/page-header'
import { AnalyticsDashboard } from '@/features/analytics/components/analytics-dashboard'
import { DigestCard } from '@/features/analytics/components/digest-card'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function AnalyticsRoute() {
  useDocumentTitle('Analytics')
  return (
    <>
      <PageHeader
        title="Analytics"
        description="How conversations went: volumes, response times, what the bot handled alone, handoffs, campaigns and calls."
      />
      <AnalyticsDashboard />
      <DigestCard />
    </>
  )
}
