import { PageHeader } from '@/components/page-header'
import { FlowsList } from '@/features/flows/components/flows-list'
import {
  CreateFlowDialog,
  GenerateFlowDialog,
  ImportFlowButton,
  TemplatesDialog,
} from '@/features/flows/components/new-flow-dialogs'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function FlowsRoute() {
  useDocumentTitle('Flows')
  return (
    <>
      <PageHeader
        title="Flows"
        description="Conversation flows that answer, ask, branch and hand over to people. Edit a draft on the canvas, try it in the simulator, publish when it is ready."
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <TemplatesDialog />
            <GenerateFlowDialog />
            <ImportFlowButton />
            <CreateFlowDialog />
          </div>
        }
      />
      <FlowsList />
    </>
  )
}
