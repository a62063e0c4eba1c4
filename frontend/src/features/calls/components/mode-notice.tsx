import { InfoIcon } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { useCallSettings } from '../api/calls'

/** Says which provider places calls: the simulator (no phone rings) or Bland AI (real calls). */
export function ModeNotice() {
  const settings = useCallSettings()
  if (!settings.data) return null
  const simulated = settings.data.mode === 'simulator'
  const rate = settings.data.ratesPerMinuteMinor[settings.data.mode]
  return (
    <Alert data-testid="call-mode">
      <InfoIcon aria-hidden />
      <AlertTitle>{simulated ? 'Simulation mode' : 'Bland AI'}</AlertTitle>
      <AlertDescription>
        {simulated
          ? 'No phone rings: calls are played by the built-in simulator (set BLAND_API_KEY for real calls).'
          : 'Calls dial real phone numbers through Bland AI.'}{' '}
        Rate: {rate} {settings.data.currency} minor units per minute; credits for the maximum duration are held before dialling.
      </AlertDescription>
    </Alert>
  )
}
