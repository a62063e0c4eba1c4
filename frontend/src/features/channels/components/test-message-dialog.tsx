import { SendIcon } from 'lucide-react'
import type { Channel, TestMessageSent } from '@/api/types'
import { InputField, TextareaField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { TextLink } from '@/components/text-link'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { useResultDialog } from '@/hooks/use-result-dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useSendTestMessage } from '../api/channels'

function TestMessageForm({ channel, onSent }: { channel: Channel; onSent: (sent: TestMessageSent) => void }) {
  const send = useSendTestMessage()
  const errors = fieldErrors(send.error)
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        const { to, text } = readForm(event)
        send.mutate({ id: channel.id, to, text }, { onSuccess: onSent })
      }}
    >
      <ProblemAlert error={send.error} fields={['to', 'text']} />
      <InputField label="To" name="to" required autoFocus placeholder="+14155550123" hint="The recipient's address on this channel, e.g. a phone number in E.164." error={errors.to} />
      <TextareaField label="Text" name="text" required maxLength={4096} defaultValue="Hello from Switchboard" error={errors.text} />
      <DialogFooter>
        <SubmitButton pending={send.isPending}>Send</SubmitButton>
      </DialogFooter>
    </form>
  )
}

export function TestMessageDialog({ channel }: { channel: Channel }) {
  const { open, changeOpen, result: sent, setResult: setSent } = useResultDialog<TestMessageSent | null>(null)
  return (
    <FormDialog
      open={open}
      onOpenChange={changeOpen}
      trigger={
        <Button variant="outline" size="sm" disabled={!channel.enabled} aria-label={`Send test message on ${channel.name}`}>
          <SendIcon aria-hidden />
          Send test message
        </Button>
      }
      title={sent ? 'Test message queued' : 'Send test message'}
      description={
        sent
          ? 'It goes out at the channel’s pace; its delivery state shows in the conversation.'
          : `Sends a message through “${channel.name}” and opens a conversation with the recipient.`
      }
    >
      {sent ? (
        <DialogFooter className="items-center">
          <TextLink to={`/inbox/${sent.conversationId}`}>Open the conversation</TextLink>
          <DialogClose asChild>
            <Button>Done</Button>
          </DialogClose>
        </DialogFooter>
      ) : (
        <TestMessageForm channel={channel} onSent={setSent} />
      )}
    </FormDialog>
  )
}
