import { CircleAlertIcon } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { errorMessage, unplacedFieldErrors } from '@/lib/problem'

interface ProblemAlertProps {
  error: unknown
  /** Fields whose errors the form shows next to its inputs; errors for other fields are listed here. */
  fields?: readonly string[]
  className?: string
}

/** Shows a failed request's problem `detail` (and field errors no input shows). */
export function ProblemAlert({ error, fields = [], className }: ProblemAlertProps) {
  if (!error) return null
  const others = unplacedFieldErrors(error, fields)
  return (
    <Alert variant="destructive" className={className} data-testid="problem-alert">
      <CircleAlertIcon aria-hidden />
      <AlertTitle>{errorMessage(error)}</AlertTitle>
      {others.length > 0 && (
        <AlertDescription>
          <ul className="list-disc pl-4">
            {others.map(({ field, message }) => (
              <li key={`${field}:${message}`}>{field ? `${field}: ${message}` : message}</li>
            ))}
          </ul>
        </AlertDescription>
      )}
    </Alert>
  )
}
