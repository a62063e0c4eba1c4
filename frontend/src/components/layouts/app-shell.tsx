import { Suspense, type ReactNode } from 'react'
import { Outlet } from 'react-router'
import { Sidebar } from '@/components/layouts/sidebar'
import { TopBar } from '@/components/layouts/top-bar'
import { PageSpinner } from '@/components/page-spinner'
import { ProblemAlert } from '@/components/problem-alert'
import { useMe } from '@/lib/auth'
import { useSystemStatus } from '@/lib/system-status'

/** Sidebar, top bar and the current page, for signed-in users; `banners` sit above every page. */
export function AppShell({ banners }: { banners?: ReactNode }) {
  const me = useMe()
  const status = useSystemStatus()
  return (
    <div className="flex h-svh">
      <Sidebar context={{ me: me.data, status: status.data }} />
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar me={me.data} />
        <main className="flex-1 overflow-y-auto p-6">
          <div className="mx-auto grid max-w-6xl gap-6">
            <ProblemAlert error={me.error} />
            {banners}
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </div>
        </main>
      </div>
    </div>
  )
}
