import { useDocumentTitle } from '@/hooks/use-document-title'
import { SignupForm } from '@/features/auth/components/signup-form'

export default function SignupRoute() {
  useDocumentTitle('Create an account')
  return <SignupForm />
}
