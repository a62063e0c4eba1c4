import { CloudOffIcon } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { useLlmStatus } from '../api/llm'

/** "Offline mode" or "Providers mode", as the gateway will answer right now. */
export function LlmModeBadge() {
  const status = useLlmStatus()
  if (!status.data) return null
  const offline = status.data.mode === 'offline'
  return (
    <Badge variant={offline ? 'warning' : 'secondary'} data-testid="llm-mode">
      {offline ? 'Offline mode' : 'Providers mode'}
    </Badge>
  )
}

/** Explains offline mode when no provider is enabled. */
export function OfflineBanner() {
  const status = useLlmStatus()
  if (status.data?.mode !== 'offline') return null
  return (
    <Alert variant="warning" data-testid="llm-offline-banner">
      <CloudOffIcon aria-hidden />
      <AlertTitle>Offline mode: no AI provider is enabled</AlertTitle>
      <AlertDescription>
        <p>
          Agents still answer, without any model: the built-in responder quotes the best matching sentences of your
          knowledge base and cites them, or hands over to a person when nothing matches. Add a provider to let a model
          write the answers.
        </p>
      </AlertDescription>
    </Alert>
  )
}
