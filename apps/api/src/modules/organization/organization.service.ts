import type { OrganizationSettings, UpdateOrganizationSettingsBodySchema } from '@klantreis/shared/studies'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/schema.js'
import type { Analyst } from '../../lib/actors.js'
import { requireRole } from '../../lib/roles.js'
import { recordAudit } from '../audit/audit.service.js'
import { findRetentionDefault, lockRetentionDefault, updateRetentionDefault } from './organization.queries.js'

/**
 * The organization's own settings: for now the default retention period of its studies (issue 14).
 * The default is not refused for a running study (a study's own period is, studies.service.ts): the
 * retention job never erases a running study, and a closed study's date counts from its closing.
 */
export function createOrganizationService({ db }: { db: Kysely<DB> }) {
  return {
    /** The default a study without its own period uses (the analyst's organization, so always found). */
    retentionDefault: (organizationId: string) => findRetentionDefault(db, organizationId),

    async getSettings(a: Analyst): Promise<OrganizationSettings> {
      return { retentionMonths: await findRetentionDefault(db, a.organizationId) }
    },

    async putSettings(
      a: Analyst,
      ip: string,
      body: z.output<typeof UpdateOrganizationSettingsBodySchema>,
    ): Promise<OrganizationSettings> {
      requireRole(a, 'admin', "change the organization's retention period")
      return db.transaction().execute(async (trx) => {
        const from = await lockRetentionDefault(trx, a.organizationId)
        if (from !== body.retentionMonths) {
          await updateRetentionDefault(trx, a.organizationId, body.retentionMonths)
          await recordAudit(trx, {
            organizationId: a.organizationId,
            actorId: a.accountId,
            actorEmail: a.email,
            action: 'organization.retention_changed',
            subject: `organization:${a.organizationId}`,
            detail: { from, to: body.retentionMonths },
            ip,
          })
        }
        return { retentionMonths: body.retentionMonths }
      })
    },
  }
}
export type OrganizationService = ReturnType<typeof createOrganizationService>
