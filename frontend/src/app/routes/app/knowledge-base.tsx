import { ArrowLeftIcon } from 'lucide-react'
import { Link, useParams } from 'react-router'
import { KnowledgeBaseDetail } from '@/features/knowledge/components/knowledge-base-detail'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function KnowledgeBaseRoute() {
  useDocumentTitle('Knowledge base')
  const { knowledgeBaseId = '' } = useParams()
  return (
    <>
      <Link to="/knowledge" className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeftIcon aria-hidden className="size-4" />
        All knowledge bases
      </Link>
      <KnowledgeBaseDetail key={knowledgeBaseId} id={knowledgeBaseId} />
    </>
  )
}
