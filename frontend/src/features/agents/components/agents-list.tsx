import { BotIcon, PlusIcon } from 'lucide-react'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import type { Agent } from '@/api/types'
import { EmptyState } from '@/components/empty-state'
import { InputField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { DialogFooter } from '@/components/ui/dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useAgents, useCreateAgent } from '../api/agents'

export function CreateAgentDialog() {
  const [open, setOpen] = useState(false)
  const create = useCreateAgent()
  const navigate = useNavigate()
  const errors = fieldErrors(create.error)
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button>
          <PlusIcon aria-hidden /> New agent
        </Button>
      }
      title="New agent"
      description="Give it a name; instructions, knowledge and rules come next."
    >
      <form
        className="grid gap-4"
        onSubmit={(event) => {
          const values = readForm(event)
          create.mutate(
            { name: values.name, settings: { instructions: values.instructions || undefined } },
            {
              onSuccess: (agent) => {
                setOpen(false)
                void navigate(`/agents/${agent.id}`)
              },
            },
          )
        }}
      >
        <ProblemAlert error={create.error} fields={['name']} />
        <InputField label="Name" name="name" required maxLength={100} autoFocus error={errors.name} placeholder="Front desk" />
        <InputField label="Instructions" name="instructions" placeholder="You are the front desk of Hotel Nova…" />
        <DialogFooter>
          <SubmitButton pending={create.isPending}>Create agent</SubmitButton>
        </DialogFooter>
      </form>
    </FormDialog>
  )
}

export function AgentsList({ canManage }: { canManage: boolean }) {
  const [page, setPage] = useState(0)
  const agents = useAgents(page)
  return (
    <PagedTable<Agent>
      query={agents}
      label="Agents"
      rowKey={(agent) => agent.id}
      onPageChange={setPage}
      columns={[
        {
          header: 'Name',
          cell: (agent) => (
            <Link to={`/agents/${agent.id}`} className="font-medium underline-offset-2 hover:underline">
              {agent.name}
            </Link>
          ),
        },
        { header: 'Mode', cell: (agent) => <Badge variant="secondary">{agent.mode}</Badge> },
        {
          header: 'Channels',
          cell: (agent) =>
            agent.channels.length === 0 ? (
              <span className="text-muted-foreground">Not on a channel</span>
            ) : (
              agent.channels.map((c) => c.name).join(', ')
            ),
        },
      ]}
      empty={
        <EmptyState
          icon={BotIcon}
          title="No agents yet"
          description="An agent answers your customers on the channels you attach it to, from your knowledge base."
          action={canManage ? <CreateAgentDialog /> : undefined}
        />
      }
    />
  )
}
