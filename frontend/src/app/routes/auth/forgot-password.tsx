import { useDocumentTitle } from '@/hooks/use-document-title'
import { ForgotPasswordForm } from '@/features/auth/components/forgot-password-form'

export default function ForgotPasswordRoute() {
  useDocumentTitle('Forgot password')
  return <ForgotPasswordForm />
}
