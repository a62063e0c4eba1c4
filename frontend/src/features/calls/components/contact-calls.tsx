import { PhoneIcon } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { ProblemAlert } from '@/components/problem-alert'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { useContactCalls, useTranscript } from '../api/calls'

function Transcript({ callId }: { callId: string }) {
  const transcript = useTranscript(callId)
  if (transcript.isPending) return <Skeleton className="h-10 w-full" />
  if (transcript.isError) return <ProblemAlert error={transcript.error} />
  if (transcript.data.turns.length === 0) return <p className="text-muted-foreground text-sm">No words were said.</p>
  return (
    <ol className="space-y-1 text-sm" data-testid="contact-call-transcript">
      {transcript.data.turns.map((turn) => (
        <li key={`${turn.speaker}-${turn.atSeconds}-${turn.text}`}>
          <span className="font-medium">{turn.speaker}:</span> {turn.text}
        </li>
      ))}
    </ol>
  )
}

/** The contact's calls, newest first: outcome, summary, transcript on demand and a link to the call. */
export function ContactCalls({ contactId }: { contactId: string }) {
  const calls = useContactCalls(contactId)
  const [open, setOpen] = useState<string | undefined>()
  return (
    <section className="space-y-2" data-testid="contact-calls" aria-label="Calls">
      <h3 className="flex items-center gap-2 text-sm font-semibold">
        <PhoneIcon aria-hidden className="size-4" /> Calls
      </h3>
      {calls.isPending && <Skeleton className="h-12 w-full" />}
      {calls.isError && <ProblemAlert error={calls.error} />}
      {calls.data && calls.data.items.length === 0 && (
        <p className="text-muted-foreground text-sm">No calls with this contact yet.</p>
      )}
      {calls.data && (
        <ul className="space-y-3">
          {calls.data.items.map((call) => (
            <li key={call.id} className="rounded-md border p-3 text-sm" data-testid="contact-call">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  {new Date(call.endedAt ?? call.createdAt).toLocaleString()} · {call.status}
                  {call.outcome ? ` · ${call.outcome}` : ''}
                </span>
                <Link className="text-primary underline-offset-4 hover:underline" to={`/calls/${call.id}`}>
                  Open call
                </Link>
              </div>
              {call.summary && <p className="mt-1">{call.summary}</p>}
              <Button
                type="button"
                variant="link"
                className="h-auto px-0"
                onClick={() => setOpen(open === call.id ? undefined : call.id)}
              >
                {open === call.id ? 'Hide transcript' : 'Show transcript'}
              </Button>
              {open === call.id && <Transcript callId={call.id} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
