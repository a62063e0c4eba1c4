import { Button, type ButtonProps } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'

/** A submit button that shows a spinner and stays disabled while its request runs. */
export function SubmitButton({ pending, disabled, children, ...props }: ButtonProps & { pending?: boolean }) {
  return (
    <Button type="submit" disabled={disabled || pending} aria-busy={pending || undefined} {...props}>
      {pending && <Spinner aria-hidden />}
      {children}
    </Button>
  )
}
