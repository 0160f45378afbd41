import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'

/** What every answer shares: security headers, no caching of API answers, cookies, and the rate limiter (per route). */
export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          // charts and drag-and-drop position elements with style attributes
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: app.config.secureCookies ? [] : null,
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: app.config.secureCookies,
      crossOriginEmbedderPolicy: false,
    })
    // What the API answers is someone's data (and a session's CSRF token): no browser or proxy cache
    // may keep it for the next person on a shared computer.
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs') && !reply.hasHeader('cache-control'))
        reply.header('cache-control', 'no-store')
    })
    await app.register(cookie)
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (request, ctx) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        error: 'Too Many Requests',
        message: `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} seconds`,
        requestId: request.id,
      }),
    })
  },
  { name: 'security', dependencies: ['config'] },
)
