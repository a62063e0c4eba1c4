import { TextLink } from '@/components/text-link'

export function BackToSignIn() {
  return <TextLink to="/login">Back to sign in</TextLink>
}
