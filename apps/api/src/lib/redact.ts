import type { FastifyRequest } from 'fastify'

// Paths that carry a working token (a personal link, an anonymous survey link, an unsubscribe
// link): whoever reads the log could open them. The route is kept, the token is not.
const TOKEN_PATH = /^(\/(?:r\/t|s|u)\/)[^/?#]+/

export const redactTokens = (url: string) => url.replace(TOKEN_PATH, '$1[redacted]')

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
