import { ShieldCheckIcon } from 'lucide-react'
import type { TotpSetup, User } from '@/api/types'
import { CopyButton } from '@/components/copy-button'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { useDisableTotp, useEnableTotp, useSetupTotp } from '../api/two-factor'
import { TotpCodeForm } from './totp-code-form'

function SetupDetails({ setup }: { setup: TotpSetup }) {
  return (
    <div className="grid gap-3 text-sm">
      <p>Add this account to your authenticator app with the secret or the setup URI, then enter the code it shows.</p>
      <dl className="grid gap-2">
        <dt className="font-medium">Secret</dt>
        <dd className="flex items-center gap-2">
          <code data-testid="totp-secret" className="rounded bg-muted px-2 py-1 font-mono break-all select-all">
            {setup.secret}
          </code>
          <CopyButton text={setup.secret} />
        </dd>
        <dt className="font-medium">Setup URI</dt>
        <dd>
          <code data-testid="totp-uri" className="block rounded bg-muted px-2 py-1 font-mono text-xs break-all select-all">
            {setup.otpauthUri}
          </code>
        </dd>
      </dl>
    </div>
  )
}

function EnableTwoFactor() {
  const setup = useSetupTotp()
  const enable = useEnableTotp()
  if (!setup.data) {
    return (
      <div className="grid justify-items-start gap-3">
        <ProblemAlert error={setup.error} />
        <Button onClick={() => setup.mutate()} disabled={setup.isPending}>
          {setup.isPending ? <Spinner aria-hidden /> : <ShieldCheckIcon aria-hidden />}
          Set up two-factor
        </Button>
      </div>
    )
  }
  return (
    <div className="grid gap-4">
      <SetupDetails setup={setup.data} />
      <TotpCodeForm
        onSubmit={(code) => enable.mutate(code, { onSuccess: () => setup.reset() })}
        pending={enable.isPending}
        error={enable.error}
        submitLabel="Enable two-factor"
      />
    </div>
  )
}

export function TwoFactorSettings({ user }: { user: User }) {
  const disable = useDisableTotp()
  return (
    <div className="grid gap-4">
      <p className="flex items-center gap-2 text-sm">
        Status:
        <Badge variant={user.totpEnabled ? 'default' : 'outline'} data-testid="totp-status">
          {user.totpEnabled ? 'On' : 'Off'}
        </Badge>
      </p>
      {user.totpEnabled ? (
        <TotpCodeForm
          onSubmit={(code) => disable.mutate(code)}
          pending={disable.isPending}
          error={disable.error}
          submitLabel="Disable two-factor"
          destructive
        />
      ) : (
        <EnableTwoFactor />
      )}
    </div>
  )
}
