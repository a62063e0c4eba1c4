import { CompassIcon } from 'lucide-react'
import { EmptyState } from '@/components/empty-state'
import { TextLink } from '@/components/text-link'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function NotFoundRoute() {
  useDocumentTitle('Not found')
  return (
    <div className="flex min-h-svh items-center justify-center p-6">
      <EmptyState
        icon={CompassIcon}
        title="Page not found"
        description="There is nothing at this address."
        action={<TextLink to="/">Go to Switchboard</TextLink>}
      />
    </div>
  )
}
