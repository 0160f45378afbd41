// Same-origin JSON client for /api/v1/respondent (and /api/v1/anonymous, the anonymous survey link). The participant cookie (HttpOnly) is sent by
// the browser; every request carries the CSRF header the API asks of respondent writes.

import { currentOwner } from './idb'

const BASE = '/api/v1/respondent'

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message)
  }
  /** Worth retrying later: no answer, overload, rate limit or a server fault. */
  get transient() {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500
  }
  /** A fault on the server's side. 503 is not one: it asks to come back later. */
  get serverFault() {
    return this.status >= 500 && this.status !== 503
  }
  /** The request fields a refusal names (`details[].path` without its `body.`): 'text', 'answers.<questionId>'. */
  get fields(): string[] {
    const details = Array.isArray(this.body?.details) ? (this.body.details as unknown[]) : []
    return details.flatMap((d) => {
      const path = (d as { path?: unknown } | null)?.path
      return typeof path === 'string' && path.startsWith('body.') ? [path.slice(5)] : []
    })
  }
}

type Options = { body?: unknown; timeoutMs?: number; base?: string }

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  opts: Options = {},
): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = { 'x-requested-with': 'klantreis', accept: 'application/json' }
  // whose moments these are: the server refuses (412 PARTICIPANT_CHANGED: the named participant is a precondition) when the cookie belongs to
  // someone else now. Not on GET /me, which is how the app learns who that is.
  const owner = currentOwner()
  if (owner && !(method === 'GET' && path === '/me') && (opts.base ?? BASE) === BASE)
    headers['x-klantreis-participant'] = owner
  let body: BodyInit | undefined
  if (opts.body instanceof Blob) {
    body = opts.body
    headers['content-type'] = opts.body.type || 'application/octet-stream'
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['content-type'] = 'application/json'
  }
  const ctrl = new AbortController()
  const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? 20_000)
  let res: Response
  try {
    res = await fetch((opts.base ?? BASE) + path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: ctrl.signal,
    })
  } catch {
    throw new ApiRequestError(0, 'NETWORK', 'network error')
  } finally {
    clearTimeout(timer)
  }
  let data: unknown = null
  const text = res.status === 204 ? '' : await res.text().catch(() => '')
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const b = data && typeof data === 'object' ? (data as Record<string, unknown>) : null
    const ra = Number(res.headers.get('retry-after'))
    throw new ApiRequestError(
      res.status,
      typeof b?.code === 'string' ? b.code : `HTTP_${res.status}`,
      typeof b?.message === 'string' ? b.message : res.statusText,
      b,
      Number.isFinite(ra) && ra > 0 ? ra * 1000 : null,
    )
  }
  return { status: res.status, data: data as T }
}
