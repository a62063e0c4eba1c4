import { FilterIcon } from 'lucide-react'
import { InputField } from '@/components/field'
import { Button } from '@/components/ui/button'
import { readForm } from '@/lib/forms'
import { NO_AUDIT_FILTERS, type AuditFilters } from '../api/audit-events'

interface AuditFiltersFormProps {
  value: AuditFilters
  onChange: (filters: AuditFilters) => void
}

export function AuditFiltersForm({ value, onChange }: AuditFiltersFormProps) {
  return (
    <form
      // Remount on reset so the inputs show the cleared values.
      key={JSON.stringify(value)}
      aria-label="Audit log filters"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        const { action = '', from = '', to = '' } = readForm(event)
        onChange({ action, from, to })
      }}
    >
      <div className="w-60">
        <InputField label="Action" name="action" defaultValue={value.action} placeholder="e.g. member.invited" />
      </div>
      <div className="w-44">
        <InputField label="From" name="from" type="date" defaultValue={value.from} />
      </div>
      <div className="w-44">
        <InputField label="To" name="to" type="date" defaultValue={value.to} />
      </div>
      <Button type="submit" variant="secondary">
        <FilterIcon aria-hidden />
        Apply
      </Button>
      <Button type="reset" variant="ghost" onClick={() => onChange(NO_AUDIT_FILTERS)}>
        Clear
      </Button>
    </form>
  )
}
