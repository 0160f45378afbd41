import { OrganizationSettingsSchema, UpdateOrganizationSettingsBodySchema } from '@klantreis/shared/studies'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { OrganizationService } from './organization.service.js'

const organizationAnalystRoutes: FastifyPluginAsyncZod<{ organization: OrganizationService }> = async (
  app,
  { organization },
) => {
  const tags = ['organization']
  app.get('/organization/settings', { schema: { tags, response: { 200: OrganizationSettingsSchema } } }, async (req) =>
    organization.getSettings(req.analyst),
  )
  app.put(
    '/organization/settings',
    { schema: { tags, body: UpdateOrganizationSettingsBodySchema, response: { 200: OrganizationSettingsSchema } } },
    async (req) => organization.putSettings(req.analyst, req.ip, req.body),
  )
}
export default organizationAnalystRoutes
