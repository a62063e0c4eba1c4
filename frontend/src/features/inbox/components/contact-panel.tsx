import type { ReactNode } from 'react'
import { ExternalLinkIcon } from 'lucide-react'
import { ProblemAlert } from '@/components/problem-alert'
import { TextLink } from '@/components/text-link'
import { Badge } from '@/components/ui/badge'
import { Skeleton } from '@/components/ui/skeleton'
import { formatDateTime } from '@/lib/format'
import { useContact } from '../api/conversations'
import { FlowStepsTimeline } from './flow-steps'

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  )
}

/** Who the customer is: shown beside the thread. */
export function ContactPanel({ contactId, conversationId }: { contactId: string; conversationId?: string }) {
  const contact = useContact(contactId)
  return (
    <aside className="grid content-start gap-4 overflow-y-auto border-l p-4" aria-label="Contact" data-testid="contact-panel">
      {contact.isPending ? (
        <div className="grid gap-2">
          <Skeleton className="h-5 w-32" />
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-4 w-24" />
        </div>
      ) : contact.isError ? (
        <ProblemAlert error={contact.error} />
      ) : (
        <>
          <h3 className="font-semibold break-words">{contact.data.name || contact.data.phone || 'Unnamed contact'}</h3>
          <dl className="grid gap-3">
            <Row label="Phone">{contact.data.phone || '—'}</Row>
            <Row label="Email">{contact.data.email || '—'}</Row>
            <Row label="Tags">
              {contact.data.tags.length > 0 ? (
                <span className="flex flex-wrap gap-1">
                  {contact.data.tags.map((tag) => (
                    <Badge key={tag} variant="secondary">
                      {tag}
                    </Badge>
                  ))}
                </span>
              ) : (
                '—'
              )}
            </Row>
            <Row label="Messaging">
              {contact.data.optedOut ? (
                <Badge variant="destructive" title={`Since ${formatDateTime(contact.data.optedOutAt)}`}>
                  Opted out
                </Badge>
              ) : (
                <Badge variant="secondary">Subscribed</Badge>
              )}
            </Row>
          </dl>
          <TextLink to={`/contacts?id=${contact.data.id}`} className="flex items-center gap-1 text-sm">
            Open contact
            <ExternalLinkIcon aria-hidden className="size-3" />
          </TextLink>
        </>
      )}
      {conversationId && <FlowStepsTimeline conversationId={conversationId} />}
    </aside>
  )
}
