import type { ChannelConfigField } from '@/api/types'
import { InputField } from '@/components/field'
import { Badge } from '@/components/ui/badge'
import { fieldLabel } from '../api/channel-types'

interface ConfigFieldsProps {
  fields: readonly ChannelConfigField[]
  /** Current values of non-secret settings (edit form). */
  values?: Record<string, string>
  /** Secrets the channel has a value for (edit form): they can be replaced, never read. */
  secretsSet?: readonly string[]
  errors: Record<string, string>
  onChange?: (name: string, value: string) => void
}

/** One input per setting of a channel type; secret ones are password inputs. */
export function ConfigFields({ fields, values = {}, secretsSet, errors, onChange }: ConfigFieldsProps) {
  if (fields.length === 0) return null
  return (
    <fieldset className="grid gap-4" data-testid="channel-config-fields">
      <legend className="mb-2 text-sm font-medium">Settings</legend>
      {fields.map((field) => {
        const isSet = secretsSet?.includes(field.name) ?? false
        const label = `${fieldLabel(field.name)}${field.required && !isSet ? '' : ' (optional)'}`
        return (
          <div key={field.name} className="grid gap-1">
            {field.secret && secretsSet && (
              <Badge variant={isSet ? 'secondary' : 'outline'} className="justify-self-end">
                {isSet ? 'set' : 'not set'}
              </Badge>
            )}
            <InputField
              label={label}
              name={`config.${field.name}`}
              type={field.secret ? 'password' : 'text'}
              autoComplete={field.secret ? 'new-password' : 'off'}
              required={field.required && !isSet}
              defaultValue={field.secret ? undefined : values[field.name]}
              placeholder={field.secret && isSet ? 'Leave empty to keep the current value' : undefined}
              hint={field.description}
              error={errors[`config.${field.name}`]}
              onChange={onChange ? (event) => onChange(field.name, event.target.value) : undefined}
            />
          </div>
        )
      })}
    </fieldset>
  )
}
