import { useDocumentTitle } from '@/hooks/use-document-title'
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form'

export default function ResetPasswordRoute() {
  useDocumentTitle('Reset password')
  return <ResetPasswordForm />
}
