import type { FastifyRequest } from 'fastify'
import type { LogFn } from 'pino'

// Addresses that carry a working token: a personal link (/r/t/…), an anonymous survey link (/s/…),
// an unsubscribe link and its one-click POST (/u/…), a team invitation (#invite=…, normally never
// sent to a server, but a pasted address may carry it), and any token in a query string. Whoever
// reads the log could open them; the route is kept, the token is not. Case and repeated slashes do
// not matter: a mistyped address that answers 404 is logged too.
const TOKEN_PATH = /^(\/+(?:r\/+t|s|u)\/+)[^/?#]+/i
const TOKEN_PARAM = /([?&#;](?:token|t|invite|code|key)=)[^&#;]*/gi

export const redactTokens = (url: string) =>
  url.replace(TOKEN_PATH, '$1[redacted]').replace(TOKEN_PARAM, '$1[redacted]')

// The same addresses inside a log message (Fastify's 404 says "Route GET:/s/… not found").
const TOKEN_PATH_IN_TEXT = /((?:^|[\s:"'(=]|https?:\/\/[^/\s]+)\/+(?:r\/+t|s|u)\/+)[^/?#\s"')]+/gi

/** A log message with every token-bearing address in it redacted. */
export const redactText = (text: string) =>
  text.replace(TOKEN_PATH_IN_TEXT, '$1[redacted]').replace(TOKEN_PARAM, '$1[redacted]')

/** pino's hook on every log call: string arguments (the message and its %s values) lose their tokens. */
export function redactLogMethod(this: unknown, args: Parameters<LogFn>, method: LogFn) {
  return method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<LogFn>)
}

/** pino's request serializer, with the token out of the URL. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactTokens(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }
}
