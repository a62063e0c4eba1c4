import { SparklesIcon, XIcon } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { EmptyState } from '@/components/empty-state'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Skeleton } from '@/components/ui/skeleton'
import { formatDateTime, formatRelative } from '@/lib/format'
import { useMessageSearch } from '../api/message-search'

const SEARCH_DELAY_MS = 300

/**
 * "Find by meaning": searches every message of the organisation (inbound, replies, notes) by what
 * it means as well as its words, and lists matching messages. Unlike the word filter below it, which
 * narrows the conversation list to those containing the exact words, this finds "I want my payment
 * back" for "refund". Typing a query swaps the conversation list for the matches.
 */
export function MessageSearchBox({ find, onChange }: { find: string; onChange: (find: string) => void }) {
  const [draft, setDraft] = useState(find)
  const [shown, setShown] = useState(find)
  if (find !== shown) {
    setShown(find)
    if (find !== draft.trim()) setDraft(find)
  }
  useEffect(() => {
    if (draft.trim() === find) return
    const timer = setTimeout(() => onChange(draft.trim()), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [draft, find, onChange])

  return (
    <div className="relative border-b p-3 pb-0">
      <SparklesIcon aria-hidden className="pointer-events-none absolute top-1/2 left-5.5 size-4 -translate-y-1/4 text-muted-foreground" />
      <Input
        type="search"
        aria-label="Find messages by meaning"
        placeholder="Find messages by meaning…"
        className="pl-8"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
    </div>
  )
}

interface MessageSearchResultsProps {
  find: string
  search: string
  onClear: () => void
}

/** The messages matching a "find by meaning" query; a click opens the conversation. */
export function MessageSearchResults({ find, search, onClear }: MessageSearchResultsProps) {
  const results = useMessageSearch(find)
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="message-search-results">
      <div className="flex items-center justify-between gap-2 border-b px-3 py-2 text-xs text-muted-foreground">
        <span>Messages by meaning and words, best first</span>
        <Button variant="ghost" size="sm" onClick={onClear}>
          Back to conversations
          <XIcon aria-hidden />
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {results.isPending ? (
          <div className="grid gap-2 p-3">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-14" />
            ))}
          </div>
        ) : results.isError ? (
          <ProblemAlert error={results.error} className="m-3" />
        ) : results.data.hits.length === 0 ? (
          <EmptyState
            icon={SparklesIcon}
            title="No matching messages"
            description="Nothing said in your conversations is close to this. New messages become searchable within seconds."
          />
        ) : (
          <ul aria-label="Matching messages">
            {results.data.hits.map((hit) => (
              <li key={hit.messageId}>
                <Link
                  to={{ pathname: `/inbox/${hit.conversationId}`, search }}
                  data-testid="message-search-hit"
                  className="grid gap-1 border-b px-3 py-2 text-sm hover:bg-accent"
                >
                  <span className="flex items-center justify-between gap-2">
                    <span className="truncate font-medium">{hit.contactName || 'Unknown contact'}</span>
                    <time
                      className="text-xs whitespace-nowrap text-muted-foreground"
                      dateTime={hit.createdAt}
                      title={formatDateTime(hit.createdAt)}
                    >
                      {formatRelative(hit.createdAt)}
                    </time>
                  </span>
                  <span className="line-clamp-2 text-xs">{hit.snippet}</span>
                  <span className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
                    {hit.channelName && <span className="truncate">{hit.channelName}</span>}
                    {hit.direction === 'internal' && <Badge variant="secondary">Note</Badge>}
                    {hit.direction === 'outbound' && <Badge variant="outline">Reply</Badge>}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
