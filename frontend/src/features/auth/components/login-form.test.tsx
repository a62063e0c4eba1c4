import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { getTokens } from '@/lib/tokens'
import { fakeFetch, json, session } from '@/test/http'
import { renderRoute } from '@/test/render'
import { LoginForm } from './login-form'

async function signIn(email: string, password: string) {
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('Email'), email)
  await user.type(screen.getByLabelText('Password'), password)
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  return user
}

describe('LoginForm', () => {
  it('shows the problem detail and the field errors next to their fields', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'Check the highlighted fields.',
          errors: [{ field: 'email', message: 'must be a well-formed email address' }],
        },
        400,
      ),
    )
    vi.stubGlobal('fetch', fetch)
    renderRoute('/login', <LoginForm />)

    await signIn('ada@example.com', 'wrong')

    expect(await screen.findByText('Check the highlighted fields.')).toBeInTheDocument()
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('must be a well-formed email address')
    expect(getTokens()).toBeNull()
  })

  it('asks for the authentication code when two-factor is on, then signs in', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.path === '/api/v1/auth/login'
        ? json({ mfaRequired: true, mfaToken: 'mfa-123' })
        : json(session('access-1', 'refresh-1')),
    )
    vi.stubGlobal('fetch', fetch)
    renderRoute('/login', <LoginForm />)

    const user = await signIn('ada@example.com', 'correct horse')
    await user.type(await screen.findByLabelText('Authentication code'), '123456')
    await user.click(screen.getByRole('button', { name: 'Verify' }))

    expect(await screen.findByText('Page /')).toBeInTheDocument()
    expect(calls.map(({ path, body }) => [path, body])).toEqual([
      ['/api/v1/auth/login', { email: 'ada@example.com', password: 'correct horse' }],
      ['/api/v1/auth/login/totp', { mfaToken: 'mfa-123', code: '123456' }],
    ])
    expect(getTokens()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' })
  })
})
