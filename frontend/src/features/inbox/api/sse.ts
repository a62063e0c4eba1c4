/** One server-sent event. */
export interface SseEvent {
  event: string
  data: string
  id?: string
}

/**
 * An incremental parser for `text/event-stream` (the WHATWG rules): feed it decoded chunks as they
 * arrive; it calls `onEvent` for each complete event. Comments (`:`) and unknown fields are ignored.
 */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = ''
  let skipLeadingLineFeed = false
  let eventName = ''
  let data: string[] = []
  let id: string | undefined

  function dispatch() {
    if (data.length > 0) onEvent({ event: eventName || 'message', data: data.join('\n'), ...(id !== undefined && { id }) })
    eventName = ''
    data = []
  }

  function processLine(line: string) {
    if (line === '') return dispatch()
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') eventName = value
    else if (field === 'data') data.push(value)
    else if (field === 'id' && !value.includes('\0')) id = value
  }

  return {
    push(chunk: string) {
      if (skipLeadingLineFeed && chunk.startsWith('\n')) chunk = chunk.slice(1)
      skipLeadingLineFeed = false
      buffer += chunk
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer)
        if (!match) break
        // A CR at the very end may be the first half of a CRLF split across chunks.
        if (match[0] === '\r' && match.index === buffer.length - 1) skipLeadingLineFeed = true
        const line = buffer.slice(0, match.index)
        buffer = buffer.slice(match.index + match[0].length)
        processLine(line)
      }
    },
  }
}

/** Wait before the n-th reconnect (0-based): 1 s, 2 s, 4 s … capped at 30 s, with ±20 % jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random) {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 10))
  return Math.round(base * (0.8 + 0.4 * random()))
}

export interface InboxStreamOptions {
  url: string
  /** The current access token, read at each (re)connect. */
  getToken: () => string | null
  /** Called after a 401, to get fresh tokens before the next attempt. */
  refreshTokens: () => Promise<unknown>
  onEvent: (event: SseEvent) => void
  /** Called whenever a connection is (re)established: events may have been missed meanwhile. */
  onConnected: () => void
  signal: AbortSignal
  fetch?: typeof globalThis.fetch
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
}

function abortableSleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Reads one connection to its end and says how it ended. */
async function readOnce(options: InboxStreamOptions, token: string): Promise<'ended' | 'unauthorized' | 'failed'> {
  const fetch = options.fetch ?? globalThis.fetch
  const response = await fetch(options.url, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
    signal: options.signal,
    cache: 'no-store',
  })
  if (response.status === 401) return 'unauthorized'
  if (!response.ok || !response.body) return 'failed'
  options.onConnected()
  const parser = createSseParser(options.onEvent)
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return 'ended'
    parser.push(decoder.decode(value, { stream: true }))
  }
}

/**
 * Keeps one `fetch()`-based event stream open until the signal aborts (EventSource cannot send the
 * Authorization header): reconnects with backoff, refreshing the tokens after a 401.
 */
export async function runInboxStream(options: InboxStreamOptions) {
  const sleep = options.sleep ?? abortableSleep
  let attempt = 0
  while (!options.signal.aborted) {
    const token = options.getToken()
    if (!token) return
    let outcome: 'ended' | 'unauthorized' | 'failed'
    const started = Date.now()
    try {
      outcome = await readOnce(options, token)
    } catch {
      outcome = 'failed'
    }
    if (options.signal.aborted) return
    if (outcome === 'unauthorized') await options.refreshTokens().catch(() => undefined)
    // A stream that stayed up a while was healthy: start the backoff over.
    if (outcome === 'ended' && Date.now() - started > 60_000) attempt = 0
    await sleep(reconnectDelay(attempt), options.signal)
    attempt += 1
  }
}
