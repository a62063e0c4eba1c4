import { RotateCcwIcon, SendIcon } from 'lucide-react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { ProblemAlert } from '@/components/problem-alert'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { useSimulate } from '../api/flows'
import type { FlowNode, SimulateRequest, SimulateResponse } from '../api/types'
import { nodeTypeInfo } from '../lib/model'

interface Line {
  from: 'user' | 'bot' | 'system'
  text: string
  buttons?: { id: string; title: string }[] | null
}

interface SimulatorProps {
  flowId: string
  nodes: readonly FlowNode[]
  /** Saves pending edits first: the simulator runs the saved draft. */
  beforeRun: () => Promise<void>
  onActiveNode: (nodeId: string | undefined) => void
}

/** Chat with the draft; nothing is sent to any channel. */
export function SimulatorPanel({ flowId, nodes, beforeRun, onActiveNode }: SimulatorProps) {
  const simulate = useSimulate(flowId)
  const [sessionId, setSessionId] = useState<string>()
  const [lines, setLines] = useState<Line[]>([])
  const [state, setState] = useState<SimulateResponse>()
  const [message, setMessage] = useState('')
  const [jumpTo, setJumpTo] = useState('')
  const end = useRef<HTMLDivElement>(null)

  // Braces matter: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' })
  }, [lines])

  async function run(request: SimulateRequest, shown?: Line) {
    await beforeRun()
    if (shown) setLines((l) => [...l, shown])
    const answer = await simulate.mutateAsync({ ...request, sessionId: request.restart ? undefined : sessionId })
    setSessionId(answer.sessionId)
    setState(answer)
    onActiveNode(answer.activeNodeId ?? undefined)
    setLines((l) => [
      ...l,
      ...answer.replies.map((reply): Line => ({ from: 'bot', text: reply.text, buttons: reply.buttons })),
      ...(answer.ended ? [{ from: 'system' as const, text: 'The flow ended.' }] : []),
    ])
  }

  function send(event: FormEvent) {
    event.preventDefault()
    const text = message.trim()
    if (!text) return
    setMessage('')
    void run({ message: text }, { from: 'user', text }).catch(() => undefined)
  }

  function restart() {
    setLines([{ from: 'system', text: 'Restarted.' }])
    void run({ restart: true }).catch(() => undefined)
  }

  return (
    <section aria-label="Simulator" className="grid gap-3">
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-semibold">Simulator</h3>
        <Button variant="outline" size="sm" onClick={restart} disabled={simulate.isPending}>
          <RotateCcwIcon aria-hidden />
          Restart
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">Runs the saved draft; nothing is sent to channels.</p>
      <div
        role="log"
        aria-label="Simulator conversation"
        data-testid="simulator-log"
        className="grid max-h-80 min-h-40 content-start gap-2 overflow-y-auto rounded-md border p-2 text-sm"
      >
        {lines.length === 0 && <p className="text-muted-foreground">Say something to start the flow.</p>}
        {lines.map((line, index) => (
          <div
            key={index}
            data-testid={`sim-${line.from}`}
            className={
              line.from === 'user'
                ? 'ml-8 justify-self-end rounded-lg bg-primary px-3 py-1.5 whitespace-pre-wrap text-primary-foreground'
                : line.from === 'bot'
                  ? 'mr-8 justify-self-start rounded-lg bg-muted px-3 py-1.5 whitespace-pre-wrap'
                  : 'justify-self-center text-xs text-muted-foreground'
            }
          >
            {line.text}
            {line.buttons && line.buttons.length > 0 && (
              <span className="mt-1 flex flex-wrap gap-1">
                {line.buttons.map((b) => (
                  <Button
                    key={b.id}
                    size="sm"
                    variant="outline"
                    onClick={() => void run({ message: b.title }, { from: 'user', text: b.title }).catch(() => undefined)}
                  >
                    {b.title}
                  </Button>
                ))}
              </span>
            )}
          </div>
        ))}
        <div ref={end} />
      </div>
      <form onSubmit={send} className="flex gap-2">
        <Input
          aria-label="Message to the flow"
          placeholder={state?.waitingFor ? `Answer (${state.waitingFor})` : 'Type a message'}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <Button type="submit" size="icon" aria-label="Send" disabled={simulate.isPending}>
          <SendIcon aria-hidden />
        </Button>
      </form>
      <div className="flex gap-2">
        <NativeSelect aria-label="Jump to node" value={jumpTo} onChange={(e) => setJumpTo(e.target.value)}>
          <option value="">Jump to node…</option>
          {nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {n.id} · {nodeTypeInfo(n.type)?.label ?? n.type}
            </option>
          ))}
        </NativeSelect>
        <Button
          variant="outline"
          size="sm"
          disabled={!jumpTo || simulate.isPending}
          onClick={() => void run({ jumpTo }, { from: 'system', text: `Jumped to ${jumpTo}.` }).catch(() => undefined)}
        >
          Jump
        </Button>
      </div>
      <ProblemAlert error={simulate.error} />
      <div>
        <h4 className="text-sm font-medium">Variables</h4>
        {state && Object.keys(state.variables).length > 0 ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs" data-testid="simulator-variables">
            {Object.entries(state.variables).map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="font-mono">{key}</dt>
                <dd className="truncate">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-xs text-muted-foreground">None yet.</p>
        )}
        {state?.activeNodeId && (
          <p className="mt-1 text-xs text-muted-foreground">
            At node <span className="font-mono">{state.activeNodeId}</span>
            {state.waitingFor ? `, waiting for ${state.waitingFor}` : ''}
          </p>
        )}
      </div>
    </section>
  )
}
