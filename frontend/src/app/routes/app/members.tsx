import { PageHeader } from '@/components/page-header'
import { Section } from '@/components/section'
import { InvitationsTable } from '@/features/members/components/invitations-table'
import { InviteMemberDialog } from '@/features/members/components/invite-member-dialog'
import { MembersTable } from '@/features/members/components/members-table'
import { useDocumentTitle } from '@/hooks/use-document-title'
import { useCanManageOrganization } from '@/lib/auth'

export default function MembersRoute() {
  useDocumentTitle('Members')
  const canManage = useCanManageOrganization()
  return (
    <>
      <PageHeader
        title="Members"
        description="People in this organization and what they may do."
        actions={canManage && <InviteMemberDialog />}
      />
      <Section title="Members">
        <MembersTable />
      </Section>
      <Section title="Invitations" description="Invitations expire after a while; revoke one to invalidate its link.">
        <InvitationsTable />
      </Section>
    </>
  )
}
