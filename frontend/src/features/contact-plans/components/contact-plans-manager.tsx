import { BadgeDollarSignIcon } from 'lucide-react'
import { Link } from 'react-router'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { DataTable, type Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { SubmitButton } from '@/components/submit-button'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useCanManageOrganization } from '@/lib/auth'
import { useContactPlans, useCreateStandardPlans, useDeleteContactPlan, type ContactPlan } from '../api/contact-plans'
import { orUnlimited, planPrice } from '../format'
import { ContactPlanDialog } from './contact-plan-dialog'

/** The organisation's contact plans: table, create/edit dialogs, delete (archive when used). */
export function ContactPlansManager() {
  const plans = useContactPlans()
  const canManage = useCanManageOrganization()
  const standard = useCreateStandardPlans()
  const remove = useDeleteContactPlan()

  const columns: Column<ContactPlan>[] = [
    {
      header: 'Plan',
      cell: (p) => (
        <span className="grid gap-0.5">
          <span className="flex items-center gap-2 font-medium">
            {p.name}
            {p.freeAllowance && <Badge variant="secondary">Free allowance</Badge>}
          </span>
          {p.description && <span className="text-xs text-muted-foreground">{p.description}</span>}
        </span>
      ),
    },
    { header: 'Price', cell: (p) => `${planPrice(p.priceMinor, p.currency)} / ${p.periodDays} days` },
    { header: 'AI replies', cell: (p) => orUnlimited(p.aiReplies) },
    { header: 'History', cell: (p) => orUnlimited(p.historyDays, ' days') },
    { header: 'Rate limit', cell: (p) => (p.messagesPerMinute == null ? 'None' : `${p.messagesPerMinute} / min`) },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (p) =>
        canManage && (
          <span className="flex justify-end gap-2">
            <ContactPlanDialog plan={p} />
            <ConfirmDialog
              trigger={
                <Button variant="outline" size="sm" aria-label={`Delete ${p.name}`}>
                  Delete
                </Button>
              }
              title={`Delete ${p.name}?`}
              description="A plan contacts are or were subscribed to is archived instead: they keep it, nobody new can get it."
              confirmLabel="Delete"
              onConfirm={() => remove.mutateAsync(p.id)}
            />
          </span>
        ),
    },
  ]

  return (
    <div className="grid gap-3">
      {canManage && (
        <div className="flex justify-end">
          <ContactPlanDialog />
        </div>
      )}
      <ProblemAlert error={standard.error ?? remove.error} />
      <QueryState query={plans}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              icon={BadgeDollarSignIcon}
              title="No contact plans yet"
              description="Without plans your contacts are not limited. Start with a free allowance (10 replies, 7 days of history), Basic (100 replies, 30 days), Pro (1,000, 90 days) and Enterprise (unlimited), then adjust."
              action={
                canManage && (
                  <SubmitButton variant="outline" pending={standard.isPending} onClick={() => standard.mutate()}>
                    Create standard plans
                  </SubmitButton>
                )
              }
            />
          ) : (
            <DataTable columns={columns} rows={list} rowKey={(p) => p.id} label="Contact plans" />
          )
        }
      </QueryState>
      <p className="text-xs text-muted-foreground">
        A contact's plan and usage are on their page in <Link to="/contacts" className="underline">Contacts</Link>.
      </p>
    </div>
  )
}
