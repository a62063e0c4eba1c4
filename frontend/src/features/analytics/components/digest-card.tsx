import { MailIcon, SendIcon } from 'lucide-react'
import { useState } from 'react'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { Spinner } from '@/components/ui/spinner'
import { formatDateTime } from '@/lib/format'
import { browserTimeZone, useDigestSettings, useSaveDigest, useSendDigest } from '../api/analytics'

function DigestForm({ frequency, timeZone }: { frequency: string; timeZone: string }) {
  const [draft, setDraft] = useState({ frequency, timeZone: timeZone === 'UTC' ? browserTimeZone() : timeZone })
  const save = useSaveDigest()
  const send = useSendDigest()
  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate(draft)
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="digest-frequency">Send</Label>
          <NativeSelect
            id="digest-frequency"
            className="w-48"
            value={draft.frequency}
            onChange={(event) => setDraft({ ...draft, frequency: event.target.value })}
          >
            <option value="off">Never</option>
            <option value="daily">Every day (yesterday)</option>
            <option value="weekly">Every Monday (last week)</option>
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="digest-time-zone">Time zone</Label>
          <Input
            id="digest-time-zone"
            className="w-56"
            value={draft.timeZone}
            onChange={(event) => setDraft({ ...draft, timeZone: event.target.value })}
          />
        </div>
        <Button type="submit" disabled={save.isPending} aria-busy={save.isPending || undefined}>
          {save.isPending && <Spinner aria-hidden />}
          Save
        </Button>
        <Button
          type="button"
          variant="outline"
          disabled={send.isPending}
          aria-busy={send.isPending || undefined}
          onClick={() => send.mutate()}
        >
          {send.isPending ? <Spinner aria-hidden /> : <SendIcon aria-hidden />}
          Send last 7 days now
        </Button>
      </div>
      {save.isSuccess && !save.isPending && (
        <p className="text-sm text-muted-foreground" role="status">
          Saved.
        </p>
      )}
      {send.data && (
        <p className="text-sm text-muted-foreground" role="status" data-testid="digest-sent">
          Sent to {send.data.recipients} {send.data.recipients === 1 ? 'person' : 'people'}
          {send.data.transport === 'dev_mailbox' ? ' (development mailbox: no SMTP server configured)' : ''}.
        </p>
      )}
      <ProblemAlert error={save.error ?? send.error} fields={['frequency', 'timeZone']} />
    </form>
  )
}

/** E-mail digest of these figures to the organisation's owners and admins. */
export function DigestCard() {
  const settings = useDigestSettings()
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <MailIcon aria-hidden /> E-mail digest
        </CardTitle>
        <CardDescription>The main figures by e-mail to owners and admins, once a day or once a week.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <QueryState query={settings}>
          {(data) => (
            <>
              <DigestForm frequency={data.frequency} timeZone={data.timeZone} />
              {data.recent.length > 0 && (
                <ul className="grid gap-1 text-sm text-muted-foreground" aria-label="Digests sent">
                  {data.recent.map((digest) => (
                    <li key={`${digest.kind}-${digest.periodStart}`}>
                      {digest.periodStart} – {digest.periodEnd} ({digest.kind}) to {digest.recipients}, {formatDateTime(digest.sentAt)}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </QueryState>
      </CardContent>
    </Card>
  )
}
