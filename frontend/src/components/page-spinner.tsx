import { Spinner } from '@/components/ui/spinner'

export function PageSpinner() {
  return (
    <div className="flex min-h-40 items-center justify-center">
      <Spinner className="size-6 text-muted-foreground" />
    </div>
  )
}
