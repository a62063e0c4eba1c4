import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Message } from '@/api/types'
import { MessageBody } from './message-body'

function renderContent(content: Record<string, unknown>) {
  return render(<MessageBody message={{ content } as unknown as Pick<Message, 'content'>} />)
}

describe('MessageBody', () => {
  it('shows chat text as text, never as HTML', () => {
    const { container } = renderContent({ type: 'text', body: '<img src=x onerror=alert(1)> hi' })
    expect(container.querySelector('img')).toBeNull()
    expect(screen.getByText('<img src=x onerror=alert(1)> hi')).toBeInTheDocument()
  })

  it('links http(s) addresses only, without referrer', () => {
    renderContent({ type: 'text', body: 'see https://example.com/a and javascript:alert(1)' })
    const link = screen.getByRole('link', { name: 'https://example.com/a' })
    expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    expect(screen.getAllByRole('link')).toHaveLength(1)
  })

  it('does not link media with a non-http url', () => {
    renderContent({ type: 'media', mediaType: 'document', url: 'javascript:alert(1)', filename: 'cv.pdf' })
    expect(screen.getByText('cv.pdf')).toBeInTheDocument()
    expect(screen.queryByRole('link')).toBeNull()
  })

  it('shows interactive options, replies and reactions', () => {
    renderContent({ type: 'interactive', body: 'Pick one', options: [{ id: 'a', title: 'Yes' }, { id: 'b', title: 'No' }] })
    expect(screen.getByText('Pick one')).toBeInTheDocument()
    expect(screen.getByText('Yes')).toBeInTheDocument()
  })

  it('names unsupported messages by their provider type', () => {
    renderContent({ type: 'unsupported', providerType: 'sticker', raw: '{"x":1}' })
    expect(screen.getByText('Unsupported message (sticker)')).toBeInTheDocument()
  })

  it('treats unknown content types as unsupported', () => {
    renderContent({ type: 'poll' })
    expect(screen.getByText('Unsupported message (poll)')).toBeInTheDocument()
  })
})
