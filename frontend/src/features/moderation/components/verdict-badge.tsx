import { Badge } from '@/components/ui/badge'

const VARIANTS = { allow: 'secondary', flag: 'warning', block: 'destructive' } as const

export function VerdictBadge({ verdict }: { verdict: string }) {
  const variant = VARIANTS[verdict as keyof typeof VARIANTS] ?? 'outline'
  return <Badge variant={variant}>{verdict.charAt(0).toUpperCase() + verdict.slice(1)}</Badge>
}
