import { useParams } from 'react-router'
import { Inbox } from '@/features/inbox/components/inbox'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function InboxRoute() {
  useDocumentTitle('Inbox')
  const { conversationId } = useParams()
  return <Inbox conversationId={conversationId} />
}
