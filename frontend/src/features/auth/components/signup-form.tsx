import { AuthCard } from '@/components/auth-card'
import { InputField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { TextLink } from '@/components/text-link'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useSignup } from '../api/signup'
import { useCompleteSignIn } from '../hooks/use-complete-sign-in'

const FIELDS = ['name', 'email', 'password', 'organizationName']

export function SignupForm() {
  const signup = useSignup()
  const completeSignIn = useCompleteSignIn()
  const errors = fieldErrors(signup.error)
  return (
    <AuthCard
      title="Create an account"
      description="You become the owner of a new organization."
      footer={
        <p>
          Already have an account? <TextLink to="/login">Sign in</TextLink>
        </p>
      }
    >
      <form
        className="grid gap-4"
        onSubmit={(event) => {
          const { name, email, password, organizationName } = readForm(event)
          signup.mutate({ name, email, password, organizationName }, { onSuccess: completeSignIn })
        }}
      >
        <ProblemAlert error={signup.error} fields={FIELDS} />
        <InputField label="Name" name="name" autoComplete="name" required error={errors.name} />
        <InputField label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <InputField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.password}
        />
        <InputField
          label="Organization name"
          name="organizationName"
          autoComplete="organization"
          required
          error={errors.organizationName}
        />
        <SubmitButton pending={signup.isPending}>Create account</SubmitButton>
      </form>
    </AuthCard>
  )
}
