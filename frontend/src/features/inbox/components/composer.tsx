import { PaperclipIcon, SendIcon, StickyNoteIcon, TriangleAlertIcon } from 'lucide-react'
import { useRef, useState, type KeyboardEvent } from 'react'
import type { QuickReply } from '@/api/types'
import { ProblemAlert } from '@/components/problem-alert'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { Textarea } from '@/components/ui/textarea'
import { cn } from '@/lib/utils'
import { useUploadAttachment } from '../api/attachments'
import { useSendMessage, type ComposerMode } from '../api/conversations'
import {
  QUICK_REPLY_LISTBOX_ID,
  quickReplyOptionId,
  quickReplyQuery,
  renderQuickReply,
  useQuickReplySearch,
} from '../api/quick-replies'
import { QuickReplyPicker } from './quick-reply-picker'
import { TemplatePicker } from './template-picker'

interface ComposerProps {
  conversationId: string
  /** Set for WhatsApp channels, whose approved templates can be sent from here. */
  templateChannelId?: string
  /** WhatsApp's 24-hour customer service window has closed: free text will not be delivered. */
  outsideWindow: boolean
}

/**
 * Reply to the customer or add an internal note; Enter sends, Shift+Enter starts a new line. Typing
 * "/" opens the quick replies; the paperclip sends a file (the text, if any, becomes its caption).
 */
export function Composer({ conversationId, templateChannelId, outsideWindow }: ComposerProps) {
  const [mode, setMode] = useState<ComposerMode>('reply')
  const [text, setText] = useState('')
  const [dismissed, setDismissed] = useState<string | null>(null)
  const [activeIndex, setActiveIndex] = useState(0)
  const [inserting, setInserting] = useState<unknown>(null)
  const send = useSendMessage(conversationId)
  const upload = useUploadAttachment(conversationId)
  const fileInput = useRef<HTMLInputElement>(null)
  const textarea = useRef<HTMLTextAreaElement>(null)

  const query = quickReplyQuery(text)
  const pickerOpen = query !== null && dismissed !== text
  const quickReplies = useQuickReplySearch(query ?? '', pickerOpen)
  const options = pickerOpen ? (quickReplies.data ?? []) : []
  const active = options[Math.min(activeIndex, Math.max(0, options.length - 1))]

  const submit = () => {
    const trimmed = text.trim()
    if (!trimmed || send.isPending) return
    send.mutate({ mode, text: trimmed }, { onSuccess: () => setText('') })
  }

  const choose = async (reply: QuickReply) => {
    setInserting(null)
    try {
      setText(await renderQuickReply(reply.id, conversationId))
    } catch (error) {
      setInserting(error)
    }
    setActiveIndex(0)
    textarea.current?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (pickerOpen) {
      if (event.key === 'Escape') {
        event.preventDefault()
        setDismissed(text)
        return
      }
      if (options.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault()
        const step = event.key === 'ArrowDown' ? 1 : -1
        setActiveIndex((index) => (Math.min(index, options.length - 1) + step + options.length) % options.length)
        return
      }
      if (active && (event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
        event.preventDefault()
        void choose(active)
        return
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    }
  }

  const attach = (file: File | undefined) => {
    if (!file || upload.isPending) return
    const caption = text.trim()
    upload.mutate({ file, caption: caption || undefined }, { onSuccess: () => setText('') })
  }

  const note = mode === 'note'
  const uploading = upload.progress !== null
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
          <AlertDescription>
            The contact has not written in the last 24 hours. Send an approved template; free text is allowed again
            once they reply.
          </AlertDescription>
        </Alert>
      )}
      <ProblemAlert error={send.error ?? upload.error ?? inserting} fields={[]} />
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
        {templateChannelId && !note && (
          <TemplatePicker conversationId={conversationId} channelId={templateChannelId} prominent={outsideWindow} />
        )}
        <span className="ml-auto text-xs text-muted-foreground">/ for quick replies · Enter to send · Shift+Enter for a new line</span>
      </div>
      {pickerOpen && (
        <QuickReplyPicker
          query={query ?? ''}
          items={quickReplies.data}
          loading={quickReplies.isFetching}
          activeIndex={options.indexOf(active as QuickReply)}
          onHover={setActiveIndex}
          onChoose={(reply) => void choose(reply)}
        />
      )}
      {uploading && (
        <div className="grid gap-1" data-testid="upload-progress">
          <span className="text-xs text-muted-foreground">Uploading… {Math.round((upload.progress ?? 0) * 100)}%</span>
          <div
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round((upload.progress ?? 0) * 100)}
            className="h-1.5 overflow-hidden rounded-full bg-muted"
          >
            <div className="h-full bg-primary transition-[width]" style={{ width: `${(upload.progress ?? 0) * 100}%` }} />
          </div>
        </div>
      )}
      <div className="flex items-end gap-2">
        <input
          ref={fileInput}
          type="file"
          className="sr-only"
          tabIndex={-1}
          aria-label="Attach a file"
          data-testid="attachment-input"
          onChange={(event) => {
            attach(event.target.files?.[0])
            event.target.value = ''
          }}
        />
        {!note && (
          <Button
            type="button"
            variant="ghost"
            size="icon"
            aria-label="Attach a file"
            title="Attach a file (the text becomes its caption)"
            disabled={uploading}
            onClick={() => fileInput.current?.click()}
          >
            {uploading ? <Spinner aria-hidden /> : <PaperclipIcon aria-hidden />}
          </Button>
        )}
        <Textarea
          ref={textarea}
          aria-label={note ? 'Internal note' : 'Reply'}
          placeholder={note ? 'Write a note only your team sees…' : 'Write a reply, or / for quick replies…'}
          value={text}
          maxLength={note ? 10_000 : 4096}
          rows={2}
          className={cn('max-h-48 resize-y', note && 'border-amber-300')}
          aria-expanded={pickerOpen}
          aria-controls={pickerOpen ? QUICK_REPLY_LISTBOX_ID : undefined}
          aria-activedescendant={pickerOpen && active ? quickReplyOptionId(active.id) : undefined}
          aria-autocomplete="list"
          onChange={(event) => {
            setText(event.target.value)
            setActiveIndex(0)
          }}
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
