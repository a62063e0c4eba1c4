import { useParams } from 'react-router'
import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { AgentsList, CreateAgentDialog } from '@/features/agents/components/agents-list'
import { AgentWorkspace } from '@/features/agents/components/agent-workspace'
import { useDocumentTitle } from '@/hooks/use-document-title'
import { useCanManageOrganization } from '@/lib/auth'

export default function AgentsRoute() {
  useDocumentTitle('Agents')
  const { agentId } = useParams()
  const canManage = useCanManageOrganization()
  return (
    <>
      <PageHeader
        title="Agents"
        description="AI agents answer on the channels you attach them to, from your knowledge base, and hand over to people."
        actions={canManage && !agentId && <CreateAgentDialog />}
      />
      {agentId ? (
        <AgentWorkspace agentId={agentId} canManage={canManage} />
      ) : (
        <Section title="Agents">
          <AgentsList canManage={canManage} />
        </Section>
      )}
    </>
  )
}
