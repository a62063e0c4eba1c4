import { LogOutIcon } from 'lucide-react'
import type { MeResponse } from '@/api/types'
import { ModeBadge } from '@/components/layouts/mode-badge'
import { OrganizationSwitcher } from '@/components/layouts/organization-switcher'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { Spinner } from '@/components/ui/spinner'
import { useSignOut } from '@/lib/auth'

export function TopBar({ me }: { me: MeResponse | undefined }) {
  const signOut = useSignOut()
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b px-6">
      {me ? <OrganizationSwitcher me={me} /> : <Skeleton className="h-9 w-56" />}
      <ModeBadge />
      <div className="ml-auto flex items-center gap-3">
        {me && (
          <>
            <span className="text-sm font-medium" data-testid="user-name">
              {me.user.name}
            </span>
            <Badge variant="outline" data-testid="user-role">
              {me.role}
            </Badge>
          </>
        )}
        <Button variant="outline" size="sm" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {signOut.isPending ? <Spinner aria-hidden /> : <LogOutIcon aria-hidden />}
          Sign out
        </Button>
      </div>
    </header>
  )
}
