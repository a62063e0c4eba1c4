import { MessageSquarePlusIcon } from 'lucide-react'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { ProblemAlert } from '@/components/problem-alert'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { Spinner } from '@/components/ui/spinner'
import { useStartConversation, useWritableChannels } from '../api/contacts'

/**
 * Write first: opens the contact's conversation on a chosen channel in the inbox (the open one when
 * there is one). On WhatsApp the inbox then offers the approved templates.
 */
export function ContactMessage({ contactId }: { contactId: string }) {
  const channels = useWritableChannels(true)
  const start = useStartConversation()
  const navigate = useNavigate()
  const [channelId, setChannelId] = useState<string>()
  const items = channels.data ?? []
  const chosen = channelId ?? items[0]?.id

  if (channels.isPending) return null
  if (channels.isError) return <ProblemAlert error={channels.error} />
  if (items.length === 0) {
    return <p className="text-sm text-muted-foreground">Add a channel to write to this contact.</p>
  }
  return (
    <section className="grid gap-2" aria-label="Write to this contact">
      <div className="flex items-end gap-2">
        <div className="grid flex-1 gap-1.5">
          <Label htmlFor="contact-message-channel">Write on</Label>
          <NativeSelect id="contact-message-channel" value={chosen} onChange={(event) => setChannelId(event.target.value)}>
            {items.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.name} ({channel.type})
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button
          type="button"
          disabled={!chosen || start.isPending}
          aria-busy={start.isPending || undefined}
          onClick={() =>
            chosen &&
            start.mutate(
              { channelId: chosen, contactId },
              { onSuccess: (conversationId) => void navigate(`/inbox/${conversationId}`) },
            )
          }
        >
          {start.isPending ? <Spinner aria-hidden /> : <MessageSquarePlusIcon aria-hidden />}
          Open conversation
        </Button>
      </div>
      <ProblemAlert error={start.error} fields={[]} />
    </section>
  )
}
