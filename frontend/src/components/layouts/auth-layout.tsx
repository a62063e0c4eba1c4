import { Suspense } from 'react'
import { Outlet } from 'react-router'
import { Brand } from '@/components/layouts/brand'
import { PageSpinner } from '@/components/page-spinner'

/** Centred column for sign-in, sign-up and invitation pages. */
export function AuthLayout() {
  return (
    <div className="flex min-h-svh flex-col items-center justify-center gap-6 bg-muted p-6">
      <Brand />
      <main className="w-full max-w-sm">
        <Suspense fallback={<PageSpinner />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  )
}
