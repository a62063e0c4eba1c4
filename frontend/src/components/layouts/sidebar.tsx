import { NavLink } from 'react-router'
import { Brand } from '@/components/layouts/brand'
import { adminNav, workspaceNav, type NavContext, type NavItem } from '@/config/navigation'
import { cn } from '@/lib/utils'

function NavSection({ title, items, context }: { title: string; items: readonly NavItem[]; context: NavContext }) {
  const shown = items.filter((item) => item.visible?.(context) ?? true)
  return (
    <div className="grid gap-1">
      <p className="px-2 text-xs font-medium text-muted-foreground">{title}</p>
      <ul className="grid gap-0.5">
        {shown.map(({ to, label, icon: Icon }) => (
          <li key={to}>
            <NavLink
              to={to}
              className={({ isActive }) =>
                cn(
                  'flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-sidebar-foreground hover:bg-sidebar-accent',
                  isActive && 'bg-sidebar-accent font-medium text-sidebar-accent-foreground',
                )
              }
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function Sidebar({ context }: { context: NavContext }) {
  return (
    <aside className="flex w-56 shrink-0 flex-col gap-6 border-r bg-sidebar p-3">
      <div className="px-2 pt-1">
        <Brand />
      </div>
      <nav aria-label="Main" className="grid gap-6">
        <NavSection title="Workspace" items={workspaceNav} context={context} />
        <NavSection title="Administration" items={adminNav} context={context} />
      </nav>
    </aside>
  )
}
