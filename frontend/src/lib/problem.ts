/** RFC 9457 problem details, as every JSON error of the back end is shaped. */
export interface FieldError {
  field: string
  message: string
}

export interface ProblemDetails {
  type?: string
  title?: string
  status?: number
  detail?: string
  instance?: string
  errors?: FieldError[]
}

const NETWORK_MESSAGE = 'Cannot reach the server. Check your connection and try again.'
const MAX_TEXT_DETAIL = 300

export class ApiError extends Error {
  readonly status: number
  readonly problem: ProblemDetails

  constructor(problem: ProblemDetails, status: number) {
    super(problemMessage(problem, status))
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function toFieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined
  const errors = value.flatMap((entry): FieldError[] =>
    isRecord(entry) && typeof entry.message === 'string'
      ? [{ field: typeof entry.field === 'string' ? entry.field : '', message: entry.message }]
      : [],
  )
  return errors.length > 0 ? errors : undefined
}

/**
 * Turns whatever an error response carried (problem+json, other JSON, plain text, nothing)
 * into problem details, so the UI has one shape to show.
 */
export function toProblem(body: unknown, status: number, statusText = ''): ProblemDetails {
  if (isRecord(body)) {
    return {
      type: optionalString(body.type),
      title: optionalString(body.title) ?? optionalString(body.error) ?? optionalString(statusText),
      status: typeof body.status === 'number' ? body.status : status,
      detail: optionalString(body.detail) ?? optionalString(body.message),
      instance: optionalString(body.instance),
      errors: toFieldErrors(body.errors),
    }
  }
  const text = typeof body === 'string' ? body.trim() : ''
  const looksLikeMarkup = text.startsWith('<')
  return {
    status,
    title: optionalString(statusText),
    detail: text && !looksLikeMarkup ? text.slice(0, MAX_TEXT_DETAIL) : undefined,
  }
}

/** The sentence to show a person: `detail` first, then `title`, then the status. */
export function problemMessage(problem: ProblemDetails, status = problem.status): string {
  return (
    problem.detail ??
    problem.title ??
    (status ? `The request failed (HTTP ${status}).` : 'The request failed.')
  )
}

/** A message for any thrown value: API problems, network failures, plain errors. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof TypeError) return NETWORK_MESSAGE
  if (error instanceof Error && error.message) return error.message
  return 'Something went wrong.'
}

/** Field errors of a failed request keyed by field name; several messages for a field are joined. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  const byField: Record<string, string> = {}
  for (const { field, message } of error.problem.errors ?? []) {
    if (!field) continue
    byField[field] = byField[field] ? `${byField[field]}; ${message}` : message
  }
  return byField
}

/** Field errors that no input on the form shows, so they can be listed with the main message. */
export function unplacedFieldErrors(error: unknown, shownFields: readonly string[]): FieldError[] {
  if (!(error instanceof ApiError)) return []
  return (error.problem.errors ?? []).filter(({ field }) => !shownFields.includes(field))
}
