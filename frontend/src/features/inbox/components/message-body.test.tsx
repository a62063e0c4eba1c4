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

  it('shows a stored image inline through its signed link, and players for audio and video', () => {
    const { container, rerender } = render(
      <MessageBody
        message={{ content: { type: 'media', mediaType: 'image', fileKey: 'media_1', caption: 'my cat' }, mediaUrl: '/api/v1/files/media_1?exp=1&sig=x' } as never}
      />,
    )
    expect(screen.getByRole('img', { name: 'my cat' })).toHaveAttribute('src', expect.stringContaining('/api/v1/files/media_1?exp=1&sig=x'))
    rerender(
      <MessageBody message={{ content: { type: 'media', mediaType: 'audio', fileKey: 'media_2' }, mediaUrl: '/api/v1/files/media_2' } as never} />,
    )
    expect(container.querySelector('audio')).toHaveAttribute('controls')
    rerender(
      <MessageBody message={{ content: { type: 'media', mediaType: 'video', fileKey: 'media_3' }, mediaUrl: '/api/v1/files/media_3' } as never} />,
    )
    expect(container.querySelector('video')).toHaveAttribute('controls')
  })

  it('links stored documents with their name and size', () => {
    render(
      <MessageBody
        message={{ content: { type: 'media', mediaType: 'document', fileKey: 'a_1', filename: 'menu.pdf', sizeBytes: 2048 }, mediaUrl: '/api/v1/files/a_1' } as never}
      />,
    )
    expect(screen.getByRole('link', { name: 'menu.pdf' })).toHaveAttribute('href', expect.stringContaining('/api/v1/files/a_1'))
    expect(screen.getByText('2 KB')).toBeInTheDocument()
  })

  it('says why media is unavailable, escaped', () => {
    renderContent({ type: 'media', mediaType: 'image', url: 'media:42', unavailable: '<b>WhatsApp error 500</b> (retrying)' })
    expect(screen.getByText('Media unavailable: <b>WhatsApp error 500</b> (retrying)')).toBeInTheDocument()
    expect(screen.queryByRole('img')).toBeNull()
  })
})
