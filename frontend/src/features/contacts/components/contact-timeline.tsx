import { MessageSquareIcon, PhoneIcon } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'react-router'
import type { TimelineEntry } from '@/api/types'
import { ProblemAlert } from '@/components/problem-alert'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { useContactTimeline } from '../api/contacts'

function CallEntry({ entry }: { entry: TimelineEntry }) {
  const [showTranscript, setShowTranscript] = useState(false)
  const { status, outcome, durationSeconds, transcript } = entry.details
  return (
    <li className="rounded-md border p-3 text-sm" data-testid="contact-call">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="flex items-center gap-2">
          <PhoneIcon aria-hidden className="size-4" />
          <span>
            Call · {new Date(entry.at).toLocaleString()} · {status}
            {outcome ? ` · ${outcome}` : ''}
            {durationSeconds ? ` · ${Math.round(Number(durationSeconds) / 60)} min` : ''}
          </span>
        </span>
        <Link className="text-primary underline-offset-4 hover:underline" to={`/calls/${entry.id}`}>
          Open call
        </Link>
      </div>
      <p className="mt-1">{entry.text}</p>
      {transcript && (
        <>
          <Button type="button" variant="link" className="h-auto px-0" onClick={() => setShowTranscript((v) => !v)}>
            {showTranscript ? 'Hide transcript' : 'Show transcript'}
          </Button>
          {showTranscript && (
            <pre className="font-sans text-sm whitespace-pre-wrap" data-testid="contact-call-transcript">
              {transcript}
            </pre>
          )}
        </>
      )}
    </li>
  )
}

function MessageEntry({ entry }: { entry: TimelineEntry }) {
  const inbound = entry.direction === 'inbound'
  return (
    <li className="flex gap-2 text-sm" data-testid="contact-message">
      <MessageSquareIcon aria-hidden className="text-muted-foreground mt-0.5 size-4 shrink-0" />
      <div className="min-w-0">
        <p className="text-muted-foreground text-xs">
          {inbound ? 'Contact' : entry.details.sender === 'agent' ? 'Agent' : 'Team'} ·{' '}
          {new Date(entry.at).toLocaleString()}
        </p>
        <p className="break-words">{entry.text || '(attachment)'}</p>
      </div>
    </li>
  )
}

/** One history of the contact: their messages on every channel and their calls, newest first. */
export function ContactTimeline({ contactId }: { contactId: string }) {
  const timeline = useContactTimeline(contactId)
  const entries = timeline.data?.pages.flatMap((page) => page.entries) ?? []
  return (
    <section className="space-y-2" data-testid="contact-timeline" aria-label="History">
      <h3 className="text-sm font-semibold">History</h3>
      {timeline.isPending && <Skeleton className="h-12 w-full" />}
      {timeline.isError && <ProblemAlert error={timeline.error} />}
      {timeline.isSuccess && entries.length === 0 && (
        <p className="text-muted-foreground text-sm">No messages or calls with this contact yet.</p>
      )}
      {entries.length > 0 && (
        <ul className="max-h-80 space-y-3 overflow-y-auto">
          {entries.map((entry) =>
            entry.kind === 'call' ? (
              <CallEntry key={`call-${entry.id}`} entry={entry} />
            ) : (
              <MessageEntry key={`${entry.kind}-${entry.id}`} entry={entry} />
            ),
          )}
        </ul>
      )}
      {timeline.hasNextPage && (
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={timeline.isFetchingNextPage}
          onClick={() => void timeline.fetchNextPage()}
        >
          {timeline.isFetchingNextPage ? 'Loading…' : 'Older'}
        </Button>
      )}
    </section>
  )
}
