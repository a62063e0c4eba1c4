import { useDocumentTitle } from '@/hooks/use-document-title'
import { AcceptInvitation } from '@/features/auth/components/accept-invitation'

export default function InviteRoute() {
  useDocumentTitle('Invitation')
  return <AcceptInvitation />
}
