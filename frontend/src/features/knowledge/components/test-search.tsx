import { SearchIcon } from 'lucide-react'
import { useState } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Badge } from '@/components/ui/badge'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { readForm } from '@/lib/forms'
import { useTestSearch, type SearchMode } from '../api/knowledge'

/** Ask what an agent would ask and see the ranked chunks it would get, with scores and sources. */
export function TestSearch({ knowledgeBaseId }: { knowledgeBaseId: string }) {
  const search = useTestSearch(knowledgeBaseId)
  const [mode, setMode] = useState<SearchMode>('hybrid')
  return (
    <div className="grid gap-3">
      <form
        className="flex flex-wrap gap-2"
        onSubmit={(event) => {
          const q = (readForm(event).q ?? '').trim()
          if (q) search.mutate({ q, mode })
        }}
      >
        <Input name="q" aria-label="Test search" placeholder="Ask a question your customers ask…" className="min-w-60 flex-1" maxLength={1000} />
        <NativeSelect aria-label="Search mode" value={mode} onChange={(event) => setMode(event.target.value as SearchMode)} className="w-36">
          <option value="hybrid">Hybrid</option>
          <option value="bm25">Keywords (BM25)</option>
          <option value="dense">Meaning (vectors)</option>
        </NativeSelect>
        <SubmitButton pending={search.isPending}>
          <SearchIcon aria-hidden />
          Search
        </SubmitButton>
      </form>
      <ProblemAlert error={search.error} />
      {search.data &&
        (search.data.hits.length === 0 ? (
          <EmptyState icon={SearchIcon} title="Nothing found" description="No ready document matches this question yet." />
        ) : (
          <ol className="grid gap-2" aria-label="Search results">
            {search.data.hits.map((hit) => (
              <li key={hit.chunkId} className="grid gap-1 rounded-lg border p-3" data-testid="search-hit">
                <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  <Badge variant="outline">#{hit.rank}</Badge>
                  <span className="font-medium text-foreground" data-testid="hit-document">
                    {hit.documentTitle}
                  </span>
                  {hit.section && <span data-testid="hit-section">› {hit.section}</span>}
                  <span className="ml-auto font-mono">
                    score {hit.score.toFixed(4)}
                    {hit.lexicalRank != null && ` · BM25 #${hit.lexicalRank}`}
                    {hit.vectorRank != null && ` · vector #${hit.vectorRank}`}
                  </span>
                </div>
                <p className="text-sm whitespace-pre-line">{hit.text}</p>
                {hit.sourceUrl && (
                  <a href={hit.sourceUrl} target="_blank" rel="noreferrer noopener" className="text-xs break-all text-primary hover:underline">
                    {hit.sourceUrl}
                  </a>
                )}
              </li>
            ))}
          </ol>
        ))}
    </div>
  )
}
