import { PencilIcon, PlusIcon } from 'lucide-react'
import { useState } from 'react'
import type { Column } from '@/components/data-table'
import { DataTable } from '@/components/data-table'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { readForm } from '@/lib/forms'
import { useAdminPlans, useSavePlan, type Plan, type PlanLimits } from '../api/billing'
import { formatLimitValue, formatMoney, limitLabel } from '../format'

const LIMITS: (keyof PlanLimits)[] = [
  'aiReplies',
  'activeChannels',
  'agents',
  'knowledgeBaseBytes',
  'seats',
  'concurrentCalls',
  'callMinutesPerDay',
]

function numberOrNull(value: string | undefined) {
  const v = (value ?? '').trim()
  return v === '' ? null : Number(v)
}

function PlanForm({ plan, onDone }: { plan?: Plan; onDone: () => void }) {
  const save = useSavePlan(plan?.id)
  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        const v = readForm(event)
        const limits = Object.fromEntries(LIMITS.map((l) => [l, numberOrNull(v[l])])) as PlanLimits
        const price = numberOrNull(v.price)
        save.mutate(
          {
            id: plan ? undefined : v.id,
            name: v.name,
            description: v.description ?? '',
            priceMinor: price === null ? -1 : Math.round(price * 100),
            periodDays: Number(v.periodDays ?? '30'),
            historyDays: numberOrNull(v.historyDays) ?? 0,
            limits,
            isPublic: v.isPublic === 'on',
          },
          { onSuccess: onDone },
        )
      }}
    >
      <ProblemAlert error={save.error} />
      {!plan && <InputField label="Id" name="id" required placeholder="team" />}
      <InputField label="Name" name="name" required defaultValue={plan?.name} />
      <InputField label="Description" name="description" defaultValue={plan?.description} />
      <div className="grid grid-cols-3 gap-3">
        <InputField
          label="Price"
          name="price"
          type="number"
          step="0.01"
          hint="Empty = custom"
          defaultValue={plan?.priceMinor == null ? '' : String(plan.priceMinor / 100)}
        />
        <InputField label="Period (days)" name="periodDays" type="number" defaultValue={String(plan?.periodDays ?? 30)} />
        <InputField
          label="History (days)"
          name="historyDays"
          type="number"
          hint="Empty = unlimited"
          defaultValue={plan?.historyDays == null ? '' : String(plan.historyDays)}
        />
      </div>
      <div className="grid grid-cols-2 gap-3">
        {LIMITS.map((l) => (
          <InputField
            key={l}
            label={limitLabel(l)}
            name={l}
            type="number"
            min="0"
            hint="Empty = unlimited"
            defaultValue={plan?.limits[l] == null ? '' : String(plan.limits[l])}
          />
        ))}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isPublic" defaultChecked={plan?.isPublic ?? true} /> Offered on the billing page
      </label>
      <SubmitButton pending={save.isPending}>{plan ? 'Save plan' : 'Create plan'}</SubmitButton>
    </form>
  )
}

function PlanDialog({ plan }: { plan?: Plan }) {
  const [open, setOpen] = useState(false)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={plan ? `Edit ${plan.name}` : 'New plan'}>
          {plan ? <PencilIcon aria-hidden /> : <PlusIcon aria-hidden />}
          {plan ? 'Edit' : 'New plan'}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{plan ? `Edit ${plan.name}` : 'New plan'}</DialogTitle>
          <DialogDescription>Organizations on this plan get the new limits at once.</DialogDescription>
        </DialogHeader>
        {open && <PlanForm plan={plan} onDone={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  )
}

/** Super admins: all plans (hidden ones too), editable. */
export function PlansEditor() {
  const plans = useAdminPlans(true)
  const columns: Column<Plan>[] = [
    { header: 'Plan', cell: (p) => `${p.name} (${p.id})` },
    { header: 'Price', cell: (p) => (p.trial ? 'Free trial' : formatMoney(p.priceMinor, p.currency)) },
    { header: 'AI replies', cell: (p) => formatLimitValue('aiReplies', p.limits.aiReplies) },
    { header: 'Public', cell: (p) => (p.isPublic ? 'Yes' : 'No') },
    { header: 'Actions', className: 'text-right', cell: (p) => <PlanDialog plan={p} /> },
  ]
  return (
    <div className="grid gap-3">
      <div className="flex justify-end">
        <PlanDialog />
      </div>
      <QueryState query={plans}>
        {(list) => <DataTable columns={columns} rows={list} rowKey={(p) => p.id} label="Plans" />}
      </QueryState>
    </div>
  )
}
