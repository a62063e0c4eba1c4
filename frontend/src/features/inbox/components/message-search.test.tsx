import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { fakeFetch, json } from '@/test/http'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { createQueryClient } from '@/lib/query-client'
import { Inbox } from './inbox'

const hit = {
  rank: 1,
  conversationId: 'c-ada',
  messageId: 'm-1',
  contactId: 'contact-ada',
  contactName: 'Ada',
  channelId: 'ch-1',
  channelName: 'Shop sandbox',
  channelType: 'sandbox',
  direction: 'inbound',
  senderType: 'contact',
  snippet: 'I want my payment back <b>now</b>',
  createdAt: '2026-01-01T10:00:00Z',
  score: 0.03,
  lexicalRank: null,
  vectorRank: 1,
}

function inboxApi(hits: unknown[]) {
  return fakeFetch((call) => {
    if (call.path === '/api/v1/conversations/search') {
      return json({ query: 'refund my money', mode: 'hybrid', notesIncluded: true, hits })
    }
    if (call.path === '/api/v1/conversations') {
      return json({ items: [], page: 0, size: 50, totalItems: 0, totalPages: 0 })
    }
    return json({ items: [], page: 0, size: 50, totalItems: 0, totalPages: 0 })
  })
}

function renderInbox() {
  const router = createMemoryRouter(
    [
      { path: '/inbox', element: <Inbox /> },
      { path: '/inbox/:conversationId', element: <p>Conversation opened</p> },
    ],
    { initialEntries: ['/inbox'] },
  )
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
}

describe('Find messages by meaning', () => {
  it('lists matching messages with their snippet and opens the conversation on click', async () => {
    const { fetch, calls } = inboxApi([hit])
    vi.stubGlobal('fetch', fetch)
    renderInbox()
    const user = userEvent.setup()

    await user.type(screen.getByLabelText('Find messages by meaning'), 'refund my money')

    const link = await screen.findByRole('link', { name: /Ada/ })
    // chat text is shown as text, never as HTML
    expect(screen.getByText('I want my payment back <b>now</b>')).toBeInTheDocument()
    expect(screen.getByText('Shop sandbox')).toBeInTheDocument()
    const searched = calls.find((c) => c.path === '/api/v1/conversations/search')
    expect(searched).toBeDefined()
    expect(link.getAttribute('href')).toMatch(/^\/inbox\/c-ada\?/)
    // the word filter is a different box and is left alone
    expect(screen.getByLabelText('Search messages')).toHaveValue('')

    await user.click(link)
    expect(await screen.findByText('Conversation opened')).toBeInTheDocument()
  })

  it('says when nothing matches and goes back to the conversations', async () => {
    const { fetch } = inboxApi([])
    vi.stubGlobal('fetch', fetch)
    renderInbox()
    const user = userEvent.setup()

    await user.type(screen.getByLabelText('Find messages by meaning'), 'zebra')
    expect(await screen.findByText('No matching messages')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: /Back to conversations/ }))
    expect(screen.queryByTestId('message-search-results')).toBeNull()
  })
})
