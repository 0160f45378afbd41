import {
  AuditEventPageSchema,
  AuditLogExportQuerySchema,
  AuditLogQuerySchema,
  ChangeRoleBodySchema,
  CreateInvitationBodySchema,
  InvitationListSchema,
  InvitationParamsSchema,
  InvitationSchema,
  MemberListSchema,
  MemberParamsSchema,
  MemberSchema,
  MemberStudiesBodySchema,
} from '@klantreis/shared/auth'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { exportAuditCsv, listAudit } from '../audit/audit.service.js'
import type { TeamService } from './team.service.js'

const teamAnalystRoutes: FastifyPluginAsyncZod<{ team: TeamService }> = async (app, { team }) => {
  const tags = ['team']
  app.get('/members', { schema: { tags, response: { 200: MemberListSchema } } }, async (req) =>
    team.listMembers(req.analyst),
  )
  app.patch(
    '/members/:userId',
    { schema: { tags, params: MemberParamsSchema, body: ChangeRoleBodySchema, response: { 200: MemberSchema } } },
    async (req) => team.changeRole(req.analyst, req.ip, req.params.userId, req.body.role),
  )
  app.put(
    '/members/:userId/studies',
    {
      schema: {
        tags,
        description: 'Limit a member (analyst or viewer) to some studies, or with null let them see every study.',
        params: MemberParamsSchema,
        body: MemberStudiesBodySchema,
        response: { 200: MemberSchema },
      },
    },
    async (req) => team.changeStudies(req.analyst, req.ip, req.params.userId, req.body.studyIds),
  )
  app.delete(
    '/members/:userId',
    { schema: { tags, params: MemberParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await team.removeMember(req.analyst, req.ip, req.params.userId)
      return reply.code(204).send(null)
    },
  )
  app.get('/invitations', { schema: { tags, response: { 200: InvitationListSchema } } }, async (req) =>
    team.listInvitations(req.analyst),
  )
  app.post(
    '/invitations',
    { schema: { tags, body: CreateInvitationBodySchema, response: { 201: InvitationSchema } } },
    async (req, reply) => reply.code(201).send(await team.invite(req.analyst, req.ip, req.body)),
  )
  app.delete(
    '/invitations/:invitationId',
    { schema: { tags, params: InvitationParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await team.revokeInvitation(req.analyst, req.ip, req.params.invitationId)
      return reply.code(204).send(null)
    },
  )
  app.get(
    '/audit-log',
    { schema: { tags, querystring: AuditLogQuerySchema, response: { 200: AuditEventPageSchema } } },
    async (req) => listAudit(app.db, req.analyst, req.query),
  )
  app.get(
    '/audit-log/export',
    {
      schema: {
        tags,
        description: 'The filtered audit log as CSV (UTF-8 with BOM, newest first); the export is itself audited.',
        querystring: AuditLogExportQuerySchema,
        produces: ['text/csv'],
        // a stream, which Fastify pipes as it is: the schema only documents it
        response: { 200: z.any().describe('the CSV file') },
      },
    },
    async (req, reply) => {
      const csv = await exportAuditCsv(app.db, req.analyst, req.ip, req.query)
      const day = new Date().toISOString().slice(0, 10)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-log-${day}.csv"`)
        .send(csv)
    },
  )
}
export default teamAnalystRoutes
