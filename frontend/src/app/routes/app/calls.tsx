import { useParams } from 'react-router'
import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { TextLink } from '@/components/text-link'
import { CallDetail } from '@/features/calls/components/call-detail'
import { CallsTable } from '@/features/calls/components/calls-table'
import { ModeNotice } from '@/features/calls/components/mode-notice'
import { SheetsLogCard } from '@/features/calls/components/sheets-log-card'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function CallsRoute() {
  const { callId } = useParams()
  useDocumentTitle(callId ? 'Call' : 'Calls')
  return (
    <>
      <PageHeader
        title={callId ? 'Call' : 'Calls'}
        description="AI voice calls: status, cost, outcome, transcript and recording."
        actions={callId ? <TextLink to="/calls">All calls</TextLink> : undefined}
      />
      <ModeNotice />
      {callId ? (
        <Section title="Call details">
          <CallDetail callId={callId} />
        </Section>
      ) : (
        <>
          <Section title="Call log">
            <CallsTable />
          </Section>
          <SheetsLogCard />
        </>
      )}
    </>
  )
}
