import { useDocumentTitle } from '@/hooks/use-document-title'
import { PhoneLoginForm } from '@/features/auth/components/phone-login-form'

export default function PhoneLoginRoute() {
  useDocumentTitle('Sign in with phone')
  return <PhoneLoginForm />
}
