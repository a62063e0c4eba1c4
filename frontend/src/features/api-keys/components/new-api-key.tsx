import { TriangleAlertIcon } from 'lucide-react'
import type { CreatedApiKey } from '@/api/types'
import { CopyButton } from '@/components/copy-button'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'

/** The full key, shown once right after it was created. */
export function NewApiKey({ apiKey }: { apiKey: CreatedApiKey }) {
  return (
    <div className="grid gap-4">
      <Alert variant="warning" role="note">
        <TriangleAlertIcon aria-hidden />
        <AlertTitle>Copy this key now: it won&apos;t be shown again.</AlertTitle>
        <AlertDescription>Store it somewhere safe. If it is lost, revoke it and create a new one.</AlertDescription>
      </Alert>
      <div className="flex items-center gap-2">
        <code
          data-testid="new-api-key"
          className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all select-all"
        >
          {apiKey.key}
        </code>
        <CopyButton text={apiKey.key} />
      </div>
    </div>
  )
}
