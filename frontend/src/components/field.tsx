import { useId, type ComponentProps, type ReactNode } from 'react'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'

interface ControlProps {
  id: string
  'aria-invalid'?: true
  'aria-describedby'?: string
}

interface FieldProps {
  label: string
  /** A message from the server for this field; shown under it. */
  error?: string
  hint?: ReactNode
  id?: string
  children: (control: ControlProps) => ReactNode
}

/** A visible label, the control, and the field's hint or error, wired together for assistive tech. */
export function Field({ label, error, hint, id, children }: FieldProps) {
  const generatedId = useId()
  const controlId = id ?? generatedId
  const messageId = `${controlId}-message`
  const message = error ?? hint
  return (
    <div className="grid gap-2">
      <Label htmlFor={controlId}>{label}</Label>
      {children({
        id: controlId,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': message ? messageId : undefined,
      })}
      {message && (
        <p id={messageId} className={error ? 'text-sm text-destructive' : 'text-xs text-muted-foreground'}>
          {message}
        </p>
      )}
    </div>
  )
}

type InputFieldProps = Omit<FieldProps, 'children'> & ComponentProps<'input'>

export function InputField({ label, error, hint, id, ...input }: InputFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      {(control) => <Input {...control} {...input} />}
    </Field>
  )
}

type SelectFieldProps = Omit<FieldProps, 'children'> & ComponentProps<'select'>

export function SelectField({ label, error, hint, id, ...select }: SelectFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      {(control) => <NativeSelect {...control} {...select} />}
    </Field>
  )
}

type TextareaFieldProps = Omit<FieldProps, 'children'> & ComponentProps<'textarea'>

export function TextareaField({ label, error, hint, id, ...textarea }: TextareaFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      {(control) => <Textarea {...control} {...textarea} />}
    </Field>
  )
}
