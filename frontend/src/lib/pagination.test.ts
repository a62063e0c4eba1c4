import { describe, expect, it } from 'vitest'
import { hasNextPage, hasPreviousPage, pageLabel, toPage } from './pagination'

describe('toPage', () => {
  it('reads the documented page shape', () => {
    const page = toPage({ items: ['a', 'b'], page: 1, size: 2, totalItems: 5, totalPages: 3 })
    expect(page).toEqual({ items: ['a', 'b'], page: 1, size: 2, totalItems: 5, totalPages: 3 })
  })

  it("reads Spring's Page shape too", () => {
    const page = toPage({ content: [1, 2, 3], number: 0, size: 3, totalElements: 7, totalPages: 3 })
    expect(page).toEqual({ items: [1, 2, 3], page: 0, size: 3, totalItems: 7, totalPages: 3 })
  })

  it('fills in what is missing', () => {
    expect(toPage({ items: ['x'] })).toEqual({ items: ['x'], page: 0, size: 20, totalItems: 1, totalPages: 1 })
    expect(toPage(undefined)).toEqual({ items: [], page: 0, size: 20, totalItems: 0, totalPages: 0 })
  })
})

describe('page navigation', () => {
  const page = (index: number, totalPages: number) => toPage({ items: [], page: index, size: 20, totalPages })

  it('labels pages from 1 and never says "of 0"', () => {
    expect(pageLabel(page(1, 4))).toBe('Page 2 of 4')
    expect(pageLabel(page(0, 0))).toBe('Page 1 of 1')
  })

  it('knows when Previous and Next apply', () => {
    expect([hasPreviousPage(page(0, 3)), hasNextPage(page(0, 3))]).toEqual([false, true])
    expect([hasPreviousPage(page(2, 3)), hasNextPage(page(2, 3))]).toEqual([true, false])
    expect([hasPreviousPage(page(0, 0)), hasNextPage(page(0, 0))]).toEqual([false, false])
  })
})
