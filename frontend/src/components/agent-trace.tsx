import type { AgentTrace } from '@/api/types'
import { Badge } from '@/components/ui/badge'

function cost(micros: number): string {
  return `$${(micros / 1_000_000).toFixed(micros > 0 && micros < 10_000 ? 6 : 4)}`
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  )
}

/** Why an agent answered as it did: steps with latency, understanding, retrieval, providers, cost. All text, never HTML. */
export function AgentTraceView({ trace }: { trace: AgentTrace }) {
  return (
    <div className="grid gap-3" data-testid="agent-trace">
      <dl className="grid gap-1">
        <Row label="Outcome">
          <Badge variant={trace.outcome === 'replied' ? 'default' : 'secondary'} data-testid="trace-outcome">
            {trace.outcome}
          </Badge>{' '}
          <span className="text-xs text-muted-foreground">
            {trace.mode === 'offline' ? 'offline mode' : 'LLM chain'} · {trace.totalLatencyMs} ms total
          </span>
        </Row>
        <Row label="Intent">
          <span data-testid="trace-intent">
            {trace.intent ?? 'none'} {trace.intentRanking.length > 0 && `(confidence ${trace.confidence.toFixed(2)})`}
          </span>
        </Row>
        <Row label="Entities">
          {trace.entities.length === 0
            ? 'none'
            : trace.entities.map((e, i) => (
                <Badge key={i} variant="outline" className="mr-1">
                  {e.type}: {e.value}
                </Badge>
              ))}
        </Row>
        <Row label="Answered by">{trace.answeredBy ?? '—'}</Row>
        <Row label="Tokens · cost">
          {trace.inputTokens} in / {trace.outputTokens} out · {cost(trace.costMicros)}
        </Row>
        {trace.retrievalConfidence !== null && trace.retrievalConfidence !== undefined && (
          <Row label="Retrieval">similarity of best passage {trace.retrievalConfidence.toFixed(2)}</Row>
        )}
        {trace.fallbacks.length > 0 && <Row label="Fallbacks">{trace.fallbacks.join(' · ')}</Row>}
      </dl>

      <div>
        <h4 className="mb-1 text-xs font-semibold uppercase text-muted-foreground">Steps</h4>
        <ol className="grid gap-0.5 text-sm" data-testid="trace-steps">
          {trace.steps.map((step, i) => (
            <li key={i} className="grid grid-cols-[9rem_1fr_3.5rem] gap-2">
              <span className="font-mono text-xs">{step.name}</span>
              <span className="min-w-0 truncate text-muted-foreground" title={step.detail}>
                {step.detail}
              </span>
              <span className="text-right text-xs tabular-nums">{step.latencyMs} ms</span>
            </li>
          ))}
        </ol>
      </div>

      {trace.retrieved.length > 0 && (
        <div>
          <h4 className="mb-1 text-xs font-semibold uppercase text-muted-foreground">Retrieved chunks</h4>
          <ol className="grid gap-1 text-sm" data-testid="trace-chunks">
            {trace.retrieved.map((chunk) => (
              <li key={chunk.chunkId} className="rounded border p-2">
                <div className="flex flex-wrap items-center gap-2 text-xs">
                  <span className="font-medium">
                    #{chunk.rank} {chunk.title}
                    {chunk.section ? ` › ${chunk.section}` : ''}
                  </span>
                  <span className="tabular-nums">score {chunk.score.toFixed(4)}</span>
                  <span className="text-muted-foreground">
                    BM25 {chunk.lexicalRank ?? '—'} · vector {chunk.vectorRank ?? '—'}
                  </span>
                  {chunk.cited && <Badge>cited</Badge>}
                </div>
                <p className="mt-1 line-clamp-3 text-xs text-muted-foreground">{chunk.text}</p>
              </li>
            ))}
          </ol>
        </div>
      )}

      {trace.providers.length > 0 && (
        <div>
          <h4 className="mb-1 text-xs font-semibold uppercase text-muted-foreground">Providers tried</h4>
          <ul className="grid gap-0.5 text-sm" data-testid="trace-providers">
            {trace.providers.map((p, i) => (
              <li key={i} className="flex flex-wrap gap-2">
                <span className="font-medium">
                  {p.provider}
                  {p.model ? `/${p.model}` : ''}
                </span>
                <Badge variant={p.result === 'ok' ? 'default' : 'destructive'}>{p.result}</Badge>
                <span className="text-xs text-muted-foreground">
                  {p.latencyMs} ms · {p.inputTokens}/{p.outputTokens} tokens · {cost(p.costMicros)}
                  {p.error ? ` · ${p.error}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {trace.toolCalls.length > 0 && (
        <div>
          <h4 className="mb-1 text-xs font-semibold uppercase text-muted-foreground">Tool calls</h4>
          <ul className="grid gap-1 text-xs">
            {trace.toolCalls.map((call, i) => (
              <li key={i} className="rounded border p-2 font-mono">
                {call.name}({call.argumentsJson}) → {call.result.slice(0, 300)} · {call.latencyMs} ms
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
