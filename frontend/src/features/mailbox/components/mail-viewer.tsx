import type { DevMail } from '@/api/types'
import { formatDateTime } from '@/lib/format'
import { PlainText } from './plain-text'

export function MailViewer({ mail }: { mail: DevMail }) {
  return (
    <article className="grid gap-3" aria-label={`Email: ${mail.subject}`}>
      <header className="grid gap-1 border-b pb-3">
        <h2 className="text-lg font-semibold" data-testid="mail-subject">
          {mail.subject}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm text-muted-foreground">
          <dt>To</dt>
          <dd data-testid="mail-to">{mail.to}</dd>
          <dt>Date</dt>
          <dd>{formatDateTime(mail.createdAt)}</dd>
        </dl>
      </header>
      <pre data-testid="mail-body" className="font-sans text-sm break-words whitespace-pre-wrap">
        <PlainText text={mail.body} />
      </pre>
    </article>
  )
}
