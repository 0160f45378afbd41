import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

/** OpenAPI generated from the same zod schemas that validate the routes: the docs cannot drift. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Klantreis API', version: '1', description: 'Customer-journey research platform' },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'kr_session' },
            csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
      hideUntagged: true,
    })
    // The viewer gets the app's own CSP (helmet's, no exceptions: it loads no inline script), and
    // no validator badge from a third-party host. Production can leave it out (API_DOCS=false).
    if (app.config.apiDocs)
      await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false, uiConfig: { validatorUrl: null } })
  },
  { name: 'swagger', dependencies: ['config'] },
)
