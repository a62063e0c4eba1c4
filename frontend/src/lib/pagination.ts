export const DEFAULT_PAGE_SIZE = 20

/** A page of results as the UI uses it. */
export interface Page<T> {
  items: T[]
  page: number
  size: number
  totalItems: number
  totalPages: number
}

/**
 * Anything page-shaped the server may send: the documented `{items, page, size, totalItems,
 * totalPages}` or Spring's `{content, number, size, totalElements, totalPages}`. Reading pages
 * through {@link toPage} keeps a renamed page schema a one-line change.
 */
export interface PageLike<T> {
  items?: readonly T[] | null
  content?: readonly T[] | null
  page?: number | null
  number?: number | null
  size?: number | null
  totalItems?: number | null
  totalElements?: number | null
  totalPages?: number | null
}

function count(value: number | null | undefined, fallback: number) {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback
}

export function toPage<T>(raw: PageLike<T> | null | undefined): Page<T> {
  const items = [...(raw?.items ?? raw?.content ?? [])]
  const size = count(raw?.size, Math.max(items.length, DEFAULT_PAGE_SIZE)) || DEFAULT_PAGE_SIZE
  const totalItems = count(raw?.totalItems ?? raw?.totalElements, items.length)
  return {
    items,
    page: count(raw?.page ?? raw?.number, 0),
    size,
    totalItems,
    totalPages: count(raw?.totalPages, Math.ceil(totalItems / size)),
  }
}

/** Query parameters for a 0-based page. */
export function pageQuery(page: number, size = DEFAULT_PAGE_SIZE) {
  return { page, size }
}

export function hasPreviousPage(page: Page<unknown>) {
  return page.page > 0
}

export function hasNextPage(page: Page<unknown>) {
  return page.page + 1 < page.totalPages
}

/** "Page 2 of 5"; an empty result reads "Page 1 of 1". */
export function pageLabel(page: Page<unknown>) {
  return `Page ${page.page + 1} of ${Math.max(page.totalPages, page.page + 1, 1)}`
}
