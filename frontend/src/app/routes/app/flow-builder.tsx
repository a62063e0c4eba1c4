import { ArrowLeftIcon } from 'lucide-react'
import { Link, useParams } from 'react-router'
import { FlowBuilder } from '@/features/flows/components/flow-builder'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function FlowBuilderRoute() {
  useDocumentTitle('Flow builder')
  const { flowId = '' } = useParams()
  return (
    <>
      <Link to="/flows" className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeftIcon aria-hidden className="size-4" />
        All flows
      </Link>
      <FlowBuilder key={flowId} id={flowId} />
    </>
  )
}
