import { FileTextIcon } from 'lucide-react'
import { useState } from 'react'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import {
  type MessageTemplate,
  renderTemplate,
  useDeleteTemplate,
  useSubmitTemplate,
  useSyncTemplate,
  useTemplates,
} from '../api/campaigns'

function StatusBadge({ template }: { template: MessageTemplate }) {
  const variant =
    template.status === 'approved' || template.status === 'local'
      ? 'secondary'
      : template.status === 'rejected' || template.status === 'disabled'
        ? 'destructive'
        : template.status === 'pending' || template.status === 'paused'
          ? 'warning'
          : 'outline'
  return (
    <span className="flex flex-col gap-1">
      <Badge variant={variant}>{template.status === 'local' ? 'ready (local)' : template.status}</Badge>
      {template.statusReason && <span className="text-xs text-muted-foreground">{template.statusReason}</span>}
    </span>
  )
}

export function TemplatesTable() {
  const [page, setPage] = useState(0)
  const templates = useTemplates(page)
  const submit = useSubmitTemplate()
  const sync = useSyncTemplate()
  const remove = useDeleteTemplate()
  const samples = (t: MessageTemplate) => Object.fromEntries(t.variables.map((v) => [v.name, v.sample]))

  const columns: Column<MessageTemplate>[] = [
    {
      header: 'Template',
      cell: (t) => (
        <span className="flex flex-col">
          <code className="font-mono text-xs">{t.name}</code>
          <span className="text-xs text-muted-foreground">
            {t.language} · {t.category} · {t.channelType}
          </span>
        </span>
      ),
    },
    {
      header: 'Preview (samples)',
      cell: (t) => (
        <span className="line-clamp-3 max-w-md whitespace-pre-wrap text-muted-foreground">
          {t.header ? `${renderTemplate(t.header, samples(t))}\n` : ''}
          {renderTemplate(t.body, samples(t))}
        </span>
      ),
    },
    { header: 'Status', cell: (t) => <StatusBadge template={t} /> },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (t) => (
        <span className="flex justify-end gap-2">
          {t.reviewed && (t.status === 'draft' || t.status === 'rejected') && (
            <Button size="sm" onClick={() => submit.mutate(t.id)} disabled={submit.isPending}>
              Submit to WhatsApp
            </Button>
          )}
          {t.reviewed && t.providerTemplateId && (
            <Button size="sm" variant="outline" onClick={() => sync.mutate(t.id)} disabled={sync.isPending}>
              Refresh status
            </Button>
          )}
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Delete ${t.name}`}>
                Delete
              </Button>
            }
            title={`Delete ${t.name}?`}
            description="Campaigns can no longer use it. It stays at Meta until you delete it there."
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync(t.id)}
          />
        </span>
      ),
    },
  ]

  return (
    <div className="grid gap-3">
      <ProblemAlert error={submit.error ?? sync.error ?? remove.error} />
      <PagedTable
        query={templates}
        columns={columns}
        rowKey={(t) => t.id}
        label="Templates"
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={FileTextIcon}
            title="No templates yet"
            description="Campaigns send templates. Create one per channel; WhatsApp ones need Meta's approval first."
          />
        }
      />
    </div>
  )
}
