import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { ProblemAlert } from '@/components/problem-alert'
import { Skeleton } from '@/components/ui/skeleton'

interface QueryStateProps<T> {
  query: UseQueryResult<T>
  /** Rows of skeleton to show while loading. */
  skeletonRows?: number
  children: (data: T) => ReactNode
}

/** Loading skeleton, problem alert, or the data: the three states every query view has. */
export function QueryState<T>({ query, skeletonRows = 3, children }: QueryStateProps<T>) {
  if (query.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading">
        {Array.from({ length: skeletonRows }, (_, index) => (
          <Skeleton key={index} className="h-9 w-full" />
        ))}
      </div>
    )
  }
  if (query.isError) return <ProblemAlert error={query.error} />
  return children(query.data)
}
