import { Suspense, useState } from 'react'
import { useParams, useSearchParams } from 'react-router'
import { PageSpinner } from '@/components/page-spinner'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { contactToken } from '@/features/contact-portal/api/portal'
import { PortalAccount } from '@/features/contact-portal/components/portal-account'
import { PortalSignIn } from '@/features/contact-portal/components/portal-sign-in'
import { useDocumentTitle } from '@/hooks/use-document-title'

/** The contacts' self-service page of one organisation: public, outside the dashboard. */
export default function ContactPortalRoute() {
  useDocumentTitle('Your plan')
  const { orgId = '' } = useParams()
  const [params] = useSearchParams()
  const [token, setToken] = useState(() => contactToken.get(orgId))
  const checkout = params.get('checkout')
  return (
    <div className="flex min-h-svh justify-center bg-muted p-6">
      <main className="grid w-full max-w-xl content-start gap-4">
        <h1 className="text-xl font-semibold">Your plan</h1>
        {checkout === 'success' && (
          <Alert>
            <AlertDescription>Thank you! Your payment went through; your plan is active in a moment.</AlertDescription>
          </Alert>
        )}
        {checkout === 'cancelled' && (
          <Alert>
            <AlertDescription>The payment was cancelled; nothing was charged.</AlertDescription>
          </Alert>
        )}
        <Suspense fallback={<PageSpinner />}>
          {token ? (
            <PortalAccount
              token={token}
              onSignOut={() => {
                contactToken.clear(orgId)
                setToken(null)
              }}
            />
          ) : (
            <PortalSignIn
              orgId={orgId}
              onSignedIn={(issued) => {
                contactToken.set(orgId, issued)
                setToken(issued)
              }}
            />
          )}
        </Suspense>
      </main>
    </div>
  )
}
