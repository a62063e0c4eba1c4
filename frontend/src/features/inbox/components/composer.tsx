import { SendIcon, StickyNoteIcon, TriangleAlertIcon } from 'lucide-react'
import { useState, type KeyboardEvent } from 'react'
import { ProblemAlert } from '@/components/problem-alert'
import { Alert, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { Textarea } from '@/components/ui/textarea'
import { cn } from '@/lib/utils'
import { useSendMessage, type ComposerMode } from '../api/conversations'

interface ComposerProps {
  conversationId: string
  /** WhatsApp's 24-hour customer service window has closed: free text will not be delivered. */
  outsideWindow: boolean
}

/** Reply to the customer or add an internal note; Enter sends, Shift+Enter starts a new line. */
export function Composer({ conversationId, outsideWindow }: ComposerProps) {
  const [mode, setMode] = useState<ComposerMode>('reply')
  const [text, setText] = useState('')
  const send = useSendMessage(conversationId)

  const submit = () => {
    const trimmed = text.trim()
    if (!trimmed || send.isPending) return
    send.mutate({ mode, text: trimmed }, { onSuccess: () => setText('') })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    }
  }

  const note = mode === 'note'
  return (
    <form
      className={cn('grid gap-2 border-t p-3', note && 'bg-amber-50/60')}
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
      aria-label="Composer"
    >
      {outsideWindow && !note && (
        <Alert variant="warning" role="note" data-testid="whatsapp-window-notice">
          <TriangleAlertIcon aria-hidden />
          <AlertTitle>Outside WhatsApp&apos;s 24-hour window: only templates can be sent</AlertTitle>
        </Alert>
      )}
      <ProblemAlert error={send.error} fields={[]} />
      <div className="flex items-center gap-1" role="radiogroup" aria-label="Message type">
        {(['reply', 'note'] as const).map((option) => (
          <Button
            key={option}
            type="button"
            size="sm"
            variant={mode === option ? 'secondary' : 'ghost'}
            role="radio"
            aria-checked={mode === option}
            onClick={() => setMode(option)}
          >
            {option === 'reply' ? 'Reply' : 'Note'}
          </Button>
        ))}
        <span className="ml-auto text-xs text-muted-foreground">Enter to send · Shift+Enter for a new line</span>
      </div>
      <div className="flex items-end gap-2">
        <Textarea
          aria-label={note ? 'Internal note' : 'Reply'}
          placeholder={note ? 'Write a note only your team sees…' : 'Write a reply…'}
          value={text}
          maxLength={note ? 10_000 : 4096}
          rows={2}
          className={cn('max-h-48 resize-y', note && 'border-amber-300')}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <Button type="submit" disabled={!text.trim() || send.isPending} aria-busy={send.isPending || undefined}>
          {send.isPending ? <Spinner aria-hidden /> : note ? <StickyNoteIcon aria-hidden /> : <SendIcon aria-hidden />}
          {note ? 'Add note' : 'Send'}
        </Button>
      </div>
    </form>
  )
}
