import { ArrowLeftIcon, Trash2Icon } from 'lucide-react'
import { Link, useNavigate } from 'react-router'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { QueryState } from '@/components/query-state'
import { Section } from '@/components/section'
import { Button } from '@/components/ui/button'
import { useAgent, useDeleteAgent } from '../api/agents'
import { AgentEditor } from './agent-editor'
import { Playground } from './playground'

/** The editor beside a live playground, so a change can be tried at once. */
export function AgentWorkspace({ agentId, canManage }: { agentId: string; canManage: boolean }) {
  const agent = useAgent(agentId)
  const remove = useDeleteAgent()
  const navigate = useNavigate()
  return (
    <QueryState query={agent}>
      {(data) => (
        <div className="grid gap-4">
          <div className="flex flex-wrap items-center gap-2">
            <Button asChild variant="ghost" size="sm">
              <Link to="/agents">
                <ArrowLeftIcon aria-hidden /> All agents
              </Link>
            </Button>
            <h2 className="text-lg font-semibold" data-testid="agent-name">
              {data.name}
            </h2>
            <p className="text-sm text-muted-foreground" data-testid="agent-channels">
              {data.channels.length === 0
                ? 'Not answering on any channel yet: pick it in a channel’s settings (Channels page).'
                : `Answers on ${data.channels.map((c) => c.name).join(', ')}.`}
            </p>
            {canManage && (
              <ConfirmDialog
                title={`Delete ${data.name}?`}
                description="Its channels stop answering automatically. Conversations stay."
                confirmLabel="Delete agent"
                onConfirm={() => remove.mutateAsync(data.id).then(() => navigate('/agents'))}
                trigger={
                  <Button variant="ghost" size="sm" className="ml-auto">
                    <Trash2Icon aria-hidden /> Delete
                  </Button>
                }
              />
            )}
          </div>
          <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]">
            <Section title="Settings">
              <AgentEditor key={data.id} agent={data} canManage={canManage} />
            </Section>
            <div className="xl:sticky xl:top-4">
              <Section title="Playground" description="Try the saved agent. Nothing is sent to any contact.">
                <Playground agentId={data.id} />
              </Section>
            </div>
          </div>
        </div>
      )}
    </QueryState>
  )
}
