import { BotIcon, CheckCircle2Icon, GavelIcon, HandIcon, RotateCcwIcon } from 'lucide-react'
import type { Channel, Conversation } from '@/api/types'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { NativeSelect } from '@/components/ui/native-select'
import { useCanManageOrganization, useMe } from '@/lib/auth'
import { formatDateTime } from '@/lib/format'
import { useLegalHold, useUpdateConversation } from '../api/conversations'
import { LabelsEditor } from './labels-editor'
import { SnoozeDialog } from './snooze-dialog'
import { StatusBadge } from './status-badge'

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const

/** Who the conversation is with, and what a person can do with it. */
export function ConversationHeader({ conversation, channel }: { conversation: Conversation; channel?: Channel }) {
  const me = useMe().data
  const update = useUpdateConversation(conversation.id)
  const legalHold = useLegalHold(conversation.id)
  const canManage = useCanManageOrganization()
  const held = Boolean(conversation.legalHoldAt)
  const mine = me !== undefined && conversation.assigneeUserId === me.user.id
  const title = conversation.contactName || conversation.contactPhone || 'Unknown contact'
  const closed = conversation.status === 'resolved' || conversation.status === 'snoozed'

  return (
    <div className="grid gap-2 border-b p-3" data-testid="conversation-header">
      <div className="flex flex-wrap items-center gap-2">
        <div className="grid min-w-0">
          <h2 className="truncate font-semibold" data-testid="conversation-title">
            {title}
          </h2>
          <p className="truncate text-xs text-muted-foreground">
            {channel ? channel.name : 'Channel'}
            {' · '}
            {conversation.assigneeUserId
              ? mine
                ? 'Assigned to you'
                : 'Assigned to a teammate'
              : 'Bot / unassigned'}
            {conversation.status === 'snoozed' && ` · until ${formatDateTime(conversation.snoozedUntil)}`}
          </p>
          {conversation.botPausedAt && (
            <p className="text-xs font-medium text-amber-700" data-testid="bot-paused">
              Bot paused: waiting for a person{conversation.handoffReason ? ` (${conversation.handoffReason})` : ''}
            </p>
          )}
        </div>
        <StatusBadge status={conversation.status} />
        {held && (
          <Badge variant="outline" data-testid="legal-hold" title={`Since ${formatDateTime(conversation.legalHoldAt)}`}>
            <GavelIcon aria-hidden />
            Legal hold
          </Badge>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {!mine && me && (
            <Button
              size="sm"
              disabled={update.isPending}
              onClick={() => update.mutate({ assigneeUserId: me.user.id })}
            >
              <HandIcon aria-hidden />
              Take over
            </Button>
          )}
          {conversation.botPausedAt && !conversation.assigneeUserId && (
            <Button variant="outline" size="sm" disabled={update.isPending} onClick={() => update.mutate({ resumeBot: true })}>
              <BotIcon aria-hidden />
              Resume bot
            </Button>
          )}
          {conversation.assigneeUserId && (
            <Button variant="outline" size="sm" disabled={update.isPending} onClick={() => update.mutate({ unassign: true })}>
              <BotIcon aria-hidden />
              Hand back to bot
            </Button>
          )}
          {conversation.status !== 'snoozed' && conversation.status !== 'resolved' && (
            <SnoozeDialog conversationId={conversation.id} />
          )}
          {closed ? (
            <Button variant="outline" size="sm" disabled={update.isPending} onClick={() => update.mutate({ status: 'open' })}>
              <RotateCcwIcon aria-hidden />
              Reopen
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled={update.isPending} onClick={() => update.mutate({ status: 'resolved' })}>
              <CheckCircle2Icon aria-hidden />
              Resolve
            </Button>
          )}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <NativeSelect
          aria-label="Priority"
          className="w-32"
          value={conversation.priority}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ priority: event.target.value })}
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priority.charAt(0).toUpperCase() + priority.slice(1)} priority
            </option>
          ))}
        </NativeSelect>
        {canManage && (
          <Button
            variant="outline"
            size="sm"
            aria-pressed={held}
            disabled={legalHold.isPending}
            title="A held conversation is kept past the retention window and blocks the contact's erasure"
            onClick={() => legalHold.mutate(!held)}
          >
            <GavelIcon aria-hidden />
            {held ? 'Release legal hold' : 'Place legal hold'}
          </Button>
        )}
        <LabelsEditor
          labels={conversation.labels}
          disabled={update.isPending}
          onChange={(labels) => update.mutate({ labels })}
        />
      </div>
      <ProblemAlert error={update.error ?? legalHold.error} />
    </div>
  )
}
