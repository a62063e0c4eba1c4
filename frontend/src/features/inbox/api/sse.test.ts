import { describe, expect, it, vi } from 'vitest'
import { createSseParser, reconnectDelay, runInboxStream, type SseEvent } from './sse'

function parse(...chunks: string[]) {
  const events: SseEvent[] = []
  const parser = createSseParser((event) => events.push(event))
  chunks.forEach((chunk) => parser.push(chunk))
  return events
}

describe('createSseParser', () => {
  it('reads named events with JSON data', () => {
    expect(parse('event:conversation\ndata:{"conversationId":"c1","change":"message"}\n\n')).toEqual([
      { event: 'conversation', data: '{"conversationId":"c1","change":"message"}' },
    ])
  })

  it('joins events split anywhere across chunks, with any line ending', () => {
    expect(parse('event: conv', 'ersation\r', '\ndata: a\r\ndata: b\r', '\r\n', 'data:x\n', '\n')).toEqual([
      { event: 'conversation', data: 'a\nb' },
      { event: 'message', data: 'x' },
    ])
  })

  it('skips comments (keep-alives), empty events and unknown fields', () => {
    expect(parse(':keep-alive\n\n', 'retry: 10\nfoo: bar\n\n', 'id: 7\nevent: ready\ndata: {}\n\n')).toEqual([
      { event: 'ready', data: '{}', id: '7' },
    ])
  })

  it('waits for the blank line before dispatching', () => {
    expect(parse('event: conversation\ndata: {}\n')).toEqual([])
  })
})

describe('reconnectDelay', () => {
  it('doubles from one second up to thirty', () => {
    const middle = () => 0.5
    expect(reconnectDelay(0, middle)).toBe(1000)
    expect(reconnectDelay(1, middle)).toBe(2000)
    expect(reconnectDelay(3, middle)).toBe(8000)
    expect(reconnectDelay(20, middle)).toBe(30_000)
    expect(reconnectDelay(0, () => 0)).toBe(800)
  })
})

function streamResponse(text: string) {
  return new Response(text, { status: 200, headers: { 'Content-Type': 'text/event-stream' } })
}

describe('runInboxStream', () => {
  it('sends the bearer token, delivers events, refreshes after a 401 and reconnects', async () => {
    const controller = new AbortController()
    const tokens = ['old', 'new']
    const events: SseEvent[] = []
    const fetch = vi
      .fn<typeof globalThis.fetch>()
      .mockResolvedValueOnce(new Response(null, { status: 401 }))
      .mockResolvedValueOnce(streamResponse('event: ready\ndata: {}\n\nevent: conversation\ndata: {"conversationId":"c1"}\n\n'))
      .mockImplementation(async () => {
        controller.abort()
        throw new DOMException('aborted', 'AbortError')
      })
    const refreshTokens = vi.fn<() => Promise<unknown>>(async () => tokens.shift())
    const onConnected = vi.fn<() => void>()
    await runInboxStream({
      url: '/api/v1/inbox/stream',
      getToken: () => tokens[0] ?? 'none',
      refreshTokens,
      onEvent: (event) => events.push(event),
      onConnected,
      signal: controller.signal,
      fetch,
      sleep: async () => undefined,
    })
    expect(new Headers(fetch.mock.calls[0][1]?.headers).get('Authorization')).toBe('Bearer old')
    expect(new Headers(fetch.mock.calls[1][1]?.headers).get('Authorization')).toBe('Bearer new')
    expect(refreshTokens).toHaveBeenCalledTimes(1)
    expect(onConnected).toHaveBeenCalledTimes(1)
    expect(events.map((event) => event.event)).toEqual(['ready', 'conversation'])
  })

  it('stops when signed out', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>()
    await runInboxStream({
      url: '/s',
      getToken: () => null,
      refreshTokens: async () => undefined,
      onEvent: () => undefined,
      onConnected: () => undefined,
      signal: new AbortController().signal,
      fetch,
    })
    expect(fetch).not.toHaveBeenCalled()
  })
})
