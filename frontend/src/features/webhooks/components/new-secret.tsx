import { TriangleAlertIcon } from 'lucide-react'
import { CopyButton } from '@/components/copy-button'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'

/** A signing secret, shown once right after it was made. */
export function NewSecret({ secret, note }: { secret: string; note?: string }) {
  return (
    <div className="grid gap-4">
      <Alert variant="warning" role="note">
        <TriangleAlertIcon aria-hidden />
        <AlertTitle>Copy this signing secret now: it won&apos;t be shown again.</AlertTitle>
        <AlertDescription>
          Your receiver verifies each request&apos;s <code>webhook-signature</code> with it (Standard Webhooks). {note}
        </AlertDescription>
      </Alert>
      <div className="flex items-center gap-2">
        <code
          data-testid="webhook-secret"
          className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all select-all"
        >
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
    </div>
  )
}
