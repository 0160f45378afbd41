import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { REPO_ROOT } from '../config.js'
import { notFoundBody, sendError } from './errors.js'

const ANALYST_DIST = path.join(REPO_ROOT, 'apps/analyst/dist')
const RESPONDENT_DIST = path.join(REPO_ROOT, 'apps/respondent/dist')

/**
 * The two single-page apps (the analyst app at /, the respondent app at /r/), and the 404 that
 * serves an app's index.html to a browser asking for one of its pages. Registered last: a route
 * registered after it would still be served, but this is where every unmatched request ends up.
 */
export default fp(
  async (app) => {
    // a missing build (API-only development) just serves no pages
    const hasAnalyst = existsSync(path.join(ANALYST_DIST, 'index.html'))
    const hasRespondent = existsSync(path.join(RESPONDENT_DIST, 'index.html'))
    if (hasAnalyst)
      await app.register(fastifyStatic, { root: ANALYST_DIST, prefix: '/', wildcard: false, index: 'index.html' })
    if (hasRespondent)
      await app.register(fastifyStatic, {
        root: RESPONDENT_DIST,
        prefix: '/r/',
        decorateReply: !hasAnalyst,
        wildcard: false,
        index: 'index.html',
      })
    app.get('/r', (_req, reply) => reply.redirect('/r/'))

    app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 300, timeWindow: '1 minute' }) }, (request, reply) => {
      const url = request.url.split('?')[0]!
      const wantsPage =
        request.method === 'GET' && !url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')
      if (wantsPage && url.startsWith('/r/') && hasRespondent) return reply.sendFile('index.html', RESPONDENT_DIST)
      if (wantsPage && !url.startsWith('/r/') && hasAnalyst) return reply.sendFile('index.html', ANALYST_DIST)
      return sendError(reply, notFoundBody(request))
    })
  },
  { name: 'spa', dependencies: ['errors'] },
)
