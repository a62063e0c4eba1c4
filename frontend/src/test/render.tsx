import { QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { createQueryClient } from '@/lib/query-client'

/** Renders `element` at `path` with the app's providers; other paths show their own name. */
export function renderRoute(path: string, element: ReactNode, otherPaths: string[] = ['/']) {
  const router = createMemoryRouter(
    [{ path, element }, ...otherPaths.map((other) => ({ path: other, element: <p>Page {other}</p> }))],
    { initialEntries: [path] },
  )
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
}
