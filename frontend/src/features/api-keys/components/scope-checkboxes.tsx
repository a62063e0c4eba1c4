import type { ApiKeyScope } from '@/api/types'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import { API_KEY_SCOPES } from '../api/api-keys'

interface ScopeCheckboxesProps {
  value: readonly ApiKeyScope[]
  onChange: (scopes: ApiKeyScope[]) => void
  error?: string
}

export function ScopeCheckboxes({ value, onChange, error }: ScopeCheckboxesProps) {
  const toggle = (scope: ApiKeyScope, checked: boolean) =>
    onChange(API_KEY_SCOPES.map((entry) => entry.scope).filter((s) => (s === scope ? checked : value.includes(s))))

  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-sm font-medium">Scopes</legend>
      {API_KEY_SCOPES.map(({ scope, description }) => (
        <div key={scope} className="flex items-start gap-3">
          <Checkbox
            id={`scope-${scope}`}
            checked={value.includes(scope)}
            onCheckedChange={(checked) => toggle(scope, checked === true)}
            aria-describedby={`scope-${scope}-description`}
          />
          <div className="grid gap-1">
            <Label htmlFor={`scope-${scope}`}>{scope}</Label>
            <p id={`scope-${scope}-description`} className="text-xs text-muted-foreground">
              {description}
            </p>
          </div>
        </div>
      ))}
      {error && <p className="text-sm text-destructive">{error}</p>}
    </fieldset>
  )
}
