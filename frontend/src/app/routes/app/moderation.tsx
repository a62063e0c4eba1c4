import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { CheckTextForm } from '@/features/moderation/components/check-text-form'
import { DecisionsTable } from '@/features/moderation/components/decisions-table'
import { ModerationSettingsForm } from '@/features/moderation/components/settings-form'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function ModerationRoute() {
  useDocumentTitle('Moderation')
  return (
    <>
      <PageHeader
        title="Moderation"
        description="Checks inbound messages, generated replies and call prompts before anything acts on them."
      />
      <Section title="Settings">
        <ModerationSettingsForm />
      </Section>
      <Section title="Try a text" description="Runs the checks with the saved settings; the result is logged below.">
        <CheckTextForm />
      </Section>
      <Section title="Decision log" description="Newest first.">
        <DecisionsTable />
      </Section>
    </>
  )
}
