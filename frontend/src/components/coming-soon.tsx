import { SparklesIcon } from 'lucide-react'
import { PageHeader } from '@/components/page-header'
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import type { NavItem } from '@/config/navigation'

/** Placeholder for a product area that is not built yet. */
export function ComingSoon({ item }: { item: NavItem & { comingSoon: string } }) {
  const Icon = item.icon
  return (
    <div className="grid gap-6">
      <PageHeader title={item.label} />
      <Card className="max-w-2xl" data-testid="coming-soon">
        <CardHeader className="grid-cols-[auto_1fr] items-center gap-x-4">
          <div className="row-span-2 rounded-lg bg-muted p-3">
            <Icon aria-hidden className="size-6 text-muted-foreground" />
          </div>
          <CardTitle className="flex items-center gap-2">
            Coming soon: {item.label}
            <SparklesIcon aria-hidden className="size-4 text-muted-foreground" />
          </CardTitle>
          <CardDescription>{item.comingSoon}</CardDescription>
        </CardHeader>
      </Card>
    </div>
  )
}
