import { ApiErrorSchema, type ApiError, type ErrorCode } from '@klantreis/shared/common'

/** What the app says itself when there is no answer in the API's shape to go by. */
type ClientErrorCode = 'UNKNOWN' | 'NETWORK_ERROR'
type ClientApiError = Omit<ApiError, 'code'> & { code: ErrorCode | ClientErrorCode }

/** A failed API call, carrying the parsed error body (or a synthetic one for network failures). */
export class ApiRequestError extends Error {
  readonly status: number
  /** One of the contract's codes, so a check against a code the API never sends is a type error. */
  readonly code: ErrorCode | ClientErrorCode
  readonly details: ApiError['details']

  constructor(readonly body: ClientApiError) {
    super(body.message)
    this.name = 'ApiRequestError'
    this.status = body.statusCode
    this.code = body.code
    this.details = body.details
  }
}

type UnauthenticatedListener = () => void

let csrfToken: string | null = null
let onUnauthenticated: UnauthenticatedListener | null = null

/** The session's CSRF token arrives with every Me response; writes echo it back. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

export function setUnauthenticatedListener(listener: UnauthenticatedListener | null): void {
  onUnauthenticated = listener
}

/** Any zod schema (kept structural so the app does not depend on zod directly). */
type Parser<T> = { parse: (data: unknown) => T }

/** A request schema from the contract: any zod schema, seen through the Standard Schema interface zod implements. */
export type RequestSchema = { readonly '~standard': { readonly types?: { readonly input: unknown } } }
/** What a request schema accepts from a client: its input, before defaults and transforms (zod's `z.input`). */
export type BodyOf<S extends RequestSchema> = NonNullable<S['~standard']['types']>['input']

declare const typedBody: unique symbol
/** A JSON request body checked, at compile time, against the contract's schema for it; made only by jsonBody(). */
export type JsonBody = { readonly value: unknown; readonly [typedBody]: true }

/**
 * The body of a JSON request, typed by the shared schema the API validates it with:
 * `apiJson(StageSchema, path, { method: 'POST', body: jsonBody(CreateStageBodySchema, stage) })`.
 * A field the contract does not have, or lacks, is a type error here rather than a 400 at run time.
 * The schema is not run: the API is the one that validates.
 */
export function jsonBody<S extends RequestSchema>(_schema: S, value: BodyOf<S>): JsonBody {
  return { value } as JsonBody
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  body?: JsonBody
  /** A body sent as is (e.g. a CSV file's text) with its own content type, instead of JSON. */
  rawBody?: { contentType: string; data: string }
  query?: Record<string, string | number | undefined | null>
  /** Do not treat a 401 as "session is gone" (login and the initial /me probe). */
  allowUnauthenticated?: boolean
  signal?: AbortSignal
}

const API_PREFIX = '/api/v1'

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const qs = params.toString()
  return `${API_PREFIX}${path}${qs ? `?${qs}` : ''}`
}

async function toApiError(res: Response): Promise<ApiRequestError> {
  let json: unknown = null
  try {
    json = await res.json()
  } catch {
    // not JSON (proxy error page, empty body): fall through to a synthetic error
  }
  const parsed = ApiErrorSchema.safeParse(json)
  if (parsed.success) return new ApiRequestError(parsed.data)
  // a code this build does not know yet (a newer API): keep the server's words, not its code
  const loose = json as { message?: unknown } | null
  if (typeof loose?.message === 'string') {
    return new ApiRequestError({
      statusCode: res.status,
      code: res.status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN',
      error: res.statusText || 'Error',
      message: loose.message,
    })
  }
  return new ApiRequestError({
    statusCode: res.status,
    code: res.status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN',
    error: res.statusText || 'Error',
    message: `${res.status} ${res.statusText || 'Request failed'}`,
  })
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.rawBody) headers['content-type'] = options.rawBody.contentType
  else if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawBody
        ? options.rawBody.data
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body.value),
      signal: options.signal,
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiRequestError({
      statusCode: 0,
      code: 'NETWORK_ERROR',
      error: 'Network error',
      message: 'The server could not be reached. Check your connection and try again.',
    })
  }
}

let csrfRefresh: Promise<void> | null = null

/** Re-reads the token from /auth/me; shared by concurrent callers. */
async function refreshCsrfToken(): Promise<void> {
  csrfRefresh ??= (async () => {
    const res = await send('/auth/me', {})
    if (res.ok) {
      const body = (await res.json()) as { csrfToken?: unknown }
      if (typeof body.csrfToken === 'string') csrfToken = body.csrfToken
    }
  })().finally(() => {
    csrfRefresh = null
  })
  return csrfRefresh
}

async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  let res = await send(path, options)
  // The token may have rotated (e.g. after switching organization in another tab): refresh once and retry.
  if (res.status === 403 && (options.method ?? 'GET') !== 'GET') {
    const err = await toApiError(res.clone())
    if (err.code === 'CSRF_TOKEN_INVALID') {
      await refreshCsrfToken()
      res = await send(path, options)
    }
  }
  if (!res.ok) {
    const err = await toApiError(res)
    if (res.status === 401 && !options.allowUnauthenticated) onUnauthenticated?.()
    throw err
  }
  return res
}

/** Calls the API and parses the JSON answer with the shared schema. */
export async function apiJson<T>(schema: Parser<T>, path: string, options?: RequestOptions): Promise<T> {
  const res = await request(path, options)
  const json: unknown = await res.json()
  return schema.parse(json)
}

/** Calls the API for an answer without a body (204). */
export async function apiVoid(path: string, options?: RequestOptions): Promise<void> {
  await request(path, options)
}

export function isApiError(err: unknown): err is ApiRequestError {
  return err instanceof ApiRequestError
}

/**
 * Finds the validation message for one form field. The server reports paths like
 * `name`, `body.name`, `/name` or `columns.0.stageId`; match on the field and its children.
 */
export function fieldError(err: unknown, field: string): string | undefined {
  if (!isApiError(err) || !err.details) return undefined
  for (const detail of err.details) {
    const path = detail.path
      .replace(/^\/+/, '')
      .replace(/\//g, '.')
      .replace(/^(body|query|params)\./, '')
    if (path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`)) return detail.message
  }
  return undefined
}

/** A resource that may not exist yet (a study without a diary): its 404 code becomes `null`. */
export async function nullWhenMissing<T>(request: Promise<T>, code: string): Promise<T | null> {
  try {
    return await request
  } catch (err) {
    if (isApiError(err) && err.status === 404 && err.code === code) return null
    throw err
  }
}
