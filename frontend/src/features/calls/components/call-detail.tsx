import { PhoneOffIcon, RefreshCwIcon } from 'lucide-react'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { Button } from '@/components/ui/button'
import { formatDateTime } from '@/lib/format'
import { isFinal, useCall, useRecording, useStopCall, useTranscript } from '../api/calls'
import { CallStatusBadge } from './call-status-badge'

function duration(seconds: number | null | undefined) {
  if (seconds === null || seconds === undefined) return '—'
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

function money(minor: number | null | undefined, currency: string) {
  if (minor === null || minor === undefined) return '—'
  return `${(minor / 100).toFixed(2)} ${currency}`
}

/** A call's status (live until final), cost, outcome, transcript (refreshed by hand) and recording. */
export function CallDetail({ callId }: { callId: string }) {
  const call = useCall(callId)
  const stop = useStopCall()
  return (
    <QueryState query={call}>
      {(c) => (
        <div className="grid gap-4" data-testid="call-detail">
          <div className="flex flex-wrap items-center gap-3">
            <CallStatusBadge status={c.status} />
            <span className="font-mono text-sm">{c.phoneNumber}</span>
            <span className="text-sm text-muted-foreground">via {c.provider}</span>
            {!isFinal(c) && (
              <Button variant="outline" size="sm" onClick={() => stop.mutate(c.id)} disabled={stop.isPending}>
                <PhoneOffIcon aria-hidden /> Stop call
              </Button>
            )}
          </div>
          <ProblemAlert error={stop.error} />
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
            <dt className="text-muted-foreground">Started</dt>
            <dd>{formatDateTime(c.startedAt)}</dd>
            <dt className="text-muted-foreground">Duration</dt>
            <dd data-testid="call-duration">{duration(c.durationSeconds)}</dd>
            <dt className="text-muted-foreground">Held</dt>
            <dd>{money(c.holdMinor, c.currency)}</dd>
            <dt className="text-muted-foreground">Cost</dt>
            <dd data-testid="call-cost">{money(c.costMinor, c.currency)}</dd>
            <dt className="text-muted-foreground">Answered by</dt>
            <dd>{c.answeredBy ?? '—'}</dd>
            <dt className="text-muted-foreground">Outcome</dt>
            <dd data-testid="call-outcome">{c.outcome ?? '—'}</dd>
            <dt className="text-muted-foreground">Max duration</dt>
            <dd>{c.maxDurationMinutes} min</dd>
            <dt className="text-muted-foreground">Ended</dt>
            <dd>{c.endedReason ?? '—'}</dd>
          </dl>
          {c.summary && (
            <p className="rounded-md bg-muted p-3 text-sm" data-testid="call-summary">
              {c.summary}
            </p>
          )}
          {c.recordingAvailable && <Recording callId={c.id} />}
          <TranscriptView callId={c.id} />
        </div>
      )}
    </QueryState>
  )
}

function Recording({ callId }: { callId: string }) {
  const recording = useRecording(callId, true)
  if (!recording.data) return null
  return (
    <div className="grid gap-1">
      <span className="text-sm font-medium">Recording</span>
      <audio controls src={recording.data.url} className="w-full" data-testid="call-recording" />
    </div>
  )
}

export function TranscriptView({ callId }: { callId: string }) {
  const transcript = useTranscript(callId)
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between">
        <span className="text-sm font-medium">Transcript</span>
        <Button variant="outline" size="sm" onClick={() => void transcript.refetch()} disabled={transcript.isFetching}>
          <RefreshCwIcon aria-hidden /> Refresh transcript
        </Button>
      </div>
      <QueryState query={transcript}>
        {(t) =>
          t.turns.length === 0 ? (
            <p className="text-sm text-muted-foreground">No words yet{t.complete ? '.' : ': refresh while the call runs.'}</p>
          ) : (
            <ol className="grid gap-2" data-testid="transcript">
              {t.turns.map((turn) => (
                <li key={turn.index} className={turn.speaker === 'agent' ? 'text-sm' : 'text-sm text-primary'}>
                  <span className="mr-2 font-mono text-xs text-muted-foreground">{turn.atSeconds.toFixed(1)}s</span>
                  <strong className="mr-1">{turn.speaker === 'agent' ? 'Agent' : 'Customer'}:</strong>
                  {turn.text}
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </div>
  )
}
