import { useSearchParams } from 'react-router'
import { OAuthConsent } from '@/features/oauth/components/oauth-consent'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function OAuthConsentRoute() {
  useDocumentTitle('Connect an AI assistant')
  const [params] = useSearchParams()
  return <OAuthConsent handle={params.get('request') ?? ''} />
}
