import { SendIcon, UserRoundIcon } from 'lucide-react'
import { useState } from 'react'
import type { PlaygroundReply } from '@/api/types'
import { AgentTraceView } from '@/components/agent-trace'
import { CitationList } from '@/components/citation-list'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Spinner } from '@/components/ui/spinner'
import { CHANNEL_TYPES, usePlaygroundChat } from '../api/agents'

interface Turn {
  question: string
  answer: PlaygroundReply
}

/** Ask the agent as a customer would; nothing is sent to anyone. Shows the answer and why. */
export function Playground({ agentId }: { agentId: string }) {
  const chat = usePlaygroundChat(agentId)
  const [turns, setTurns] = useState<Turn[]>([])
  const [text, setText] = useState('')
  const [channelType, setChannelType] = useState('webchat')
  const [selected, setSelected] = useState<number | null>(null)
  const sessionId = turns.at(-1)?.answer.sessionId ?? undefined
  const shown = selected ?? turns.length - 1
  const trace = turns[shown]?.answer.trace

  return (
    <div className="grid gap-3" data-testid="playground">
      <div className="flex items-center gap-2">
        <NativeSelect aria-label="Channel type" className="w-44" value={channelType} onChange={(event) => setChannelType(event.target.value)}>
          {CHANNEL_TYPES.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </NativeSelect>
        <Button type="button" variant="ghost" size="sm" onClick={() => { setTurns([]); setSelected(null) }} disabled={turns.length === 0}>
          New session
        </Button>
      </div>
      <ol className="grid max-h-96 gap-2 overflow-y-auto rounded-md border p-3" aria-label="Playground conversation">
        {turns.length === 0 && <li className="text-sm text-muted-foreground">Ask something a customer would ask.</li>}
        {turns.map((turn, index) => (
          <li key={index} className="grid gap-1">
            <p className="flex items-start gap-1 justify-self-end rounded-lg bg-muted px-3 py-2 text-sm">
              <UserRoundIcon aria-hidden className="mt-0.5 size-3.5" />
              {turn.question}
            </p>
            <button
              type="button"
              onClick={() => setSelected(index)}
              className="grid gap-1 justify-self-start rounded-lg bg-primary px-3 py-2 text-left text-sm text-primary-foreground"
              data-testid="playground-reply"
              aria-pressed={index === shown}
            >
              <span className="whitespace-pre-wrap">{turn.answer.reply}</span>
              {turn.answer.handoff && (
                <Badge variant="secondary" data-testid="playground-handoff">
                  Hands off: {turn.answer.handoff.reason}
                </Badge>
              )}
            </button>
            {turn.answer.citations.length > 0 && (
              <CitationList
                citations={turn.answer.citations}
                textClassName="text-xs"
                itemClassName="px-2 py-0.5"
                testId="playground-citations"
              />
            )}
          </li>
        ))}
        {chat.isPending && (
          <li className="flex items-center gap-2 text-sm text-muted-foreground">
            <Spinner /> Thinking…
          </li>
        )}
      </ol>
      <ProblemAlert error={chat.error} />
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault()
          const question = text.trim()
          if (!question) return
          chat.mutate(
            { message: question, sessionId, channelType },
            {
              onSuccess: (answer) => {
                setTurns((current) => [...current, { question, answer }])
                setSelected(null)
                setText('')
              },
            },
          )
        }}
      >
        <Input aria-label="Message to the agent" value={text} onChange={(event) => setText(event.target.value)} maxLength={4096} placeholder="What are your opening hours?" />
        <Button type="submit" disabled={chat.isPending || text.trim() === ''}>
          <SendIcon aria-hidden /> Ask
        </Button>
      </form>
      {trace && (
        <div className="rounded-md border p-3">
          <h3 className="mb-2 text-sm font-semibold">Trace</h3>
          <AgentTraceView trace={trace} />
        </div>
      )}
    </div>
  )
}
