import { PageHeader } from '@/components/page-header'
import { QueryState } from '@/components/query-state'
import { Section } from '@/components/section'
import { ProfileForm } from '@/features/account/components/profile-form'
import { TwoFactorSettings } from '@/features/account/components/two-factor-settings'
import { useDocumentTitle } from '@/hooks/use-document-title'
import { useMe } from '@/lib/auth'

export default function AccountRoute() {
  useDocumentTitle('Account')
  const me = useMe()
  return (
    <>
      <PageHeader title="Account" description="Your profile and sign-in security." />
      <QueryState query={me}>
        {({ user }) => (
          <>
            <Section title="Profile">
              <ProfileForm key={user.id} user={user} />
            </Section>
            <Section
              title="Two-factor authentication"
              description="Ask for a code from an authenticator app at every sign-in."
            >
              <TwoFactorSettings user={user} />
            </Section>
          </>
        )}
      </QueryState>
    </>
  )
}
