import { PencilIcon, PlusIcon } from 'lucide-react'
import { useState } from 'react'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useSaveContactPlan, type ContactPlan } from '../api/contact-plans'
import { numberOrNull } from '../format'

const FIELDS = [
  'name',
  'description',
  'priceMinor',
  'currency',
  'aiReplies',
  'periodDays',
  'historyDays',
  'messagesPerMinute',
  'stripePriceId',
]

function ContactPlanForm({ plan, onDone }: { plan?: ContactPlan; onDone: () => void }) {
  const save = useSaveContactPlan(plan?.id)
  const errors = fieldErrors(save.error)
  return (
    <form
      className="grid gap-3"
      noValidate
      onSubmit={(event) => {
        const v = readForm(event)
        const price = numberOrNull(v.price)
        save.mutate(
          {
            name: v.name ?? '',
            description: v.description ?? '',
            priceMinor: price === null ? 0 : Math.round(price * 100),
            currency: v.currency || 'USD',
            aiReplies: numberOrNull(v.aiReplies),
            periodDays: numberOrNull(v.periodDays) ?? 30,
            historyDays: numberOrNull(v.historyDays),
            messagesPerMinute: numberOrNull(v.messagesPerMinute),
            freeAllowance: v.freeAllowance === 'on',
            stripePriceId: v.stripePriceId || null,
            sortOrder: numberOrNull(v.sortOrder) ?? 0,
          },
          { onSuccess: onDone },
        )
      }}
    >
      <ProblemAlert error={save.error} fields={FIELDS} />
      <InputField label="Name" name="name" required maxLength={100} defaultValue={plan?.name} error={errors.name} autoFocus />
      <InputField label="Description" name="description" maxLength={500} defaultValue={plan?.description} error={errors.description} />
      <div className="grid grid-cols-3 gap-3">
        <InputField
          label="Price"
          name="price"
          type="number"
          step="0.01"
          min="0"
          hint="Per period; 0 = free"
          defaultValue={plan ? String(plan.priceMinor / 100) : ''}
          error={errors.priceMinor}
        />
        <InputField label="Currency" name="currency" maxLength={3} defaultValue={plan?.currency ?? 'USD'} error={errors.currency} />
        <InputField
          label="Period (days)"
          name="periodDays"
          type="number"
          min="1"
          defaultValue={String(plan?.periodDays ?? 30)}
          error={errors.periodDays}
        />
      </div>
      <div className="grid grid-cols-3 gap-3">
        <InputField
          label="AI replies per period"
          name="aiReplies"
          type="number"
          min="0"
          hint="Empty = unlimited"
          defaultValue={plan?.aiReplies == null ? '' : String(plan.aiReplies)}
          error={errors.aiReplies}
        />
        <InputField
          label="History (days)"
          name="historyDays"
          type="number"
          min="1"
          hint="Empty = unlimited"
          defaultValue={plan?.historyDays == null ? '' : String(plan.historyDays)}
          error={errors.historyDays}
        />
        <InputField
          label="Messages per minute"
          name="messagesPerMinute"
          type="number"
          min="1"
          hint="Empty = no limit"
          defaultValue={plan?.messagesPerMinute == null ? '' : String(plan.messagesPerMinute)}
          error={errors.messagesPerMinute}
        />
      </div>
      <div className="grid grid-cols-2 gap-3">
        <InputField
          label="Stripe price id"
          name="stripePriceId"
          placeholder="price_…"
          hint="Optional; else the price above is used"
          defaultValue={plan?.stripePriceId ?? ''}
          error={errors.stripePriceId}
        />
        <InputField label="Order" name="sortOrder" type="number" defaultValue={String(plan?.sortOrder ?? 0)} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="freeAllowance" defaultChecked={plan?.freeAllowance ?? false} /> Free allowance: the
        limits of contacts without a plan (price 0)
      </label>
      <SubmitButton pending={save.isPending}>{plan ? 'Save plan' : 'Create plan'}</SubmitButton>
    </form>
  )
}

export function ContactPlanDialog({ plan }: { plan?: ContactPlan }) {
  const [open, setOpen] = useState(false)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={plan ? 'outline' : 'default'} size="sm" aria-label={plan ? `Edit ${plan.name}` : 'New contact plan'}>
          {plan ? <PencilIcon aria-hidden /> : <PlusIcon aria-hidden />}
          {plan ? 'Edit' : 'New plan'}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90svh] overflow-y-auto sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{plan ? `Edit ${plan.name}` : 'New contact plan'}</DialogTitle>
          <DialogDescription>Contacts on this plan get the new limits at once.</DialogDescription>
        </DialogHeader>
        {open && <ContactPlanForm plan={plan} onDone={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  )
}
