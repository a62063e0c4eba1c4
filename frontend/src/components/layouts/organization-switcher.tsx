import type { MeResponse } from '@/api/types'
import { ProblemAlert } from '@/components/problem-alert'
import { NativeSelect } from '@/components/ui/native-select'
import { useSwitchOrganization } from '@/lib/auth'

/** Lists the user's organisations; picking one swaps the session for that organisation. */
export function OrganizationSwitcher({ me }: { me: MeResponse }) {
  const switchOrganization = useSwitchOrganization()
  return (
    <div className="flex items-center gap-2">
      <NativeSelect
        aria-label="Organization"
        data-testid="organization-switcher"
        className="w-56"
        value={me.organization.id}
        disabled={switchOrganization.isPending}
        onChange={(event) => switchOrganization.mutate(event.target.value)}
      >
        {me.organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </NativeSelect>
      <ProblemAlert error={switchOrganization.error} className="py-1.5" />
    </div>
  )
}
