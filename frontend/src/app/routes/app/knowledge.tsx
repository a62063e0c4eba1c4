import { PageHeader } from '@/components/page-header'
import { CreateKnowledgeBaseDialog } from '@/features/knowledge/components/create-knowledge-base-dialog'
import { KnowledgeBasesList } from '@/features/knowledge/components/knowledge-bases-list'
import { useDocumentTitle } from '@/hooks/use-document-title'
import { useCanManageOrganization } from '@/lib/auth'

export default function KnowledgeRoute() {
  useDocumentTitle('Knowledge')
  const canManage = useCanManageOrganization()
  return (
    <>
      <PageHeader
        title="Knowledge"
        description="Documents and web pages your agents search to ground their answers. Search runs on this server (BM25 and an offline embedding model); no key needed."
        actions={canManage && <CreateKnowledgeBaseDialog />}
      />
      <KnowledgeBasesList />
    </>
  )
}
