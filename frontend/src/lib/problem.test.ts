import { describe, expect, it } from 'vitest'
import { ApiError, errorMessage, fieldErrors, problemMessage, toProblem, unplacedFieldErrors } from './problem'

const validationProblem = {
  type: 'https://switchboard.dev/problems/validation',
  title: 'Bad Request',
  status: 400,
  detail: 'The request has invalid fields.',
  instance: '/api/v1/auth/signup',
  errors: [
    { field: 'email', message: 'must be a well-formed email address' },
    { field: 'password', message: 'size must be between 12 and 200' },
    { field: 'password', message: 'must not be blank' },
    { field: 'organizationName', message: 'must not be blank' },
  ],
}

describe('toProblem', () => {
  it('keeps RFC 9457 problem details as they are', () => {
    expect(toProblem(validationProblem, 400)).toEqual(validationProblem)
  })

  it('reads other JSON error bodies (Spring default errors)', () => {
    const problem = toProblem({ error: 'Forbidden', message: 'Owners only', status: 403 }, 403)
    expect(problem).toMatchObject({ title: 'Forbidden', detail: 'Owners only', status: 403 })
  })

  it('uses a short plain-text body as the detail but never an HTML page', () => {
    expect(toProblem('Gateway timed out', 504, 'Gateway Timeout')).toMatchObject({
      status: 504,
      title: 'Gateway Timeout',
      detail: 'Gateway timed out',
    })
    expect(toProblem('<html><body>Bad gateway</body></html>', 502).detail).toBeUndefined()
  })

  it('drops malformed field errors', () => {
    const problem = toProblem({ detail: 'Invalid', errors: [{ field: 'name' }, 'oops', { message: 'whole form' }] }, 400)
    expect(problem.errors).toEqual([{ field: '', message: 'whole form' }])
  })
})

describe('problemMessage', () => {
  it('prefers detail, then title, then the status', () => {
    expect(problemMessage({ title: 'Conflict', detail: 'The last owner cannot leave.' })).toBe(
      'The last owner cannot leave.',
    )
    expect(problemMessage({ title: 'Conflict' })).toBe('Conflict')
    expect(problemMessage({}, 500)).toBe('The request failed (HTTP 500).')
  })
})

describe('errorMessage', () => {
  it('explains API errors, network failures and anything else', () => {
    expect(errorMessage(new ApiError(validationProblem, 400))).toBe('The request has invalid fields.')
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/cannot reach the server/i)
    expect(errorMessage(new Error('Boom'))).toBe('Boom')
    expect(errorMessage('???')).toBe('Something went wrong.')
  })
})

describe('field errors', () => {
  const error = new ApiError(validationProblem, 400)

  it('are keyed by field, several messages joined', () => {
    expect(fieldErrors(error)).toEqual({
      email: 'must be a well-formed email address',
      password: 'size must be between 12 and 200; must not be blank',
      organizationName: 'must not be blank',
    })
    expect(fieldErrors(new Error('not an API error'))).toEqual({})
  })

  it('that no input shows are listed separately', () => {
    expect(unplacedFieldErrors(error, ['email', 'password'])).toEqual([
      { field: 'organizationName', message: 'must not be blank' },
    ])
  })
})
