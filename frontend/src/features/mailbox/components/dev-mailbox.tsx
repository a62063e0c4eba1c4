import { InboxIcon, TriangleAlertIcon } from 'lucide-react'
import { useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { Pagination } from '@/components/pagination'
import { QueryState } from '@/components/query-state'
import { Alert, AlertTitle } from '@/components/ui/alert'
import { useDevMailbox } from '../api/dev-mailbox'
import { MailList } from './mail-list'
import { MailViewer } from './mail-viewer'

export function DevMailbox() {
  const [page, setPage] = useState(0)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const mails = useDevMailbox(page)

  return (
    <div className="grid gap-4">
      <Alert variant="warning" role="note" data-testid="dev-mailbox-banner">
        <TriangleAlertIcon aria-hidden />
        <AlertTitle>Development mailbox — no SMTP server configured; these emails were not sent</AlertTitle>
      </Alert>
      <QueryState query={mails}>
        {(data) => {
          if (data.items.length === 0 && data.page === 0) {
            return (
              <EmptyState
                icon={InboxIcon}
                title="No emails yet"
                description="Invitations, password resets and other emails show up here instead of being sent."
              />
            )
          }
          const selected = data.items.find((mail) => mail.id === selectedId)
          return (
            <div className="grid items-start gap-4 md:grid-cols-[20rem_1fr]">
              <div>
                <MailList mails={data.items} selectedId={selectedId} onSelect={setSelectedId} />
                <Pagination page={data} onPageChange={setPage} />
              </div>
              <div className="rounded-lg border p-4">
                {selected ? (
                  <MailViewer mail={selected} />
                ) : (
                  <p className="text-sm text-muted-foreground">Select an email to read it.</p>
                )}
              </div>
            </div>
          )
        }}
      </QueryState>
    </div>
  )
}
