import { useDocumentTitle } from '@/hooks/use-document-title'
import { LoginForm } from '@/features/auth/components/login-form'

export default function LoginRoute() {
  useDocumentTitle('Sign in')
  return <LoginForm />
}
