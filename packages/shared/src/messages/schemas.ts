import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, LanguageSchema, PageQuerySchema, pageOf } from '../common/index.js'
import { MESSAGE_KINDS, MESSAGE_STATUSES } from './constants.js'

// ---------- what is sent ----------

export const MessageKindSchema = z.enum(MESSAGE_KINDS)
export type MessageKind = z.infer<typeof MessageKindSchema>
export const MessageStatusSchema = z.enum(MESSAGE_STATUSES)
export type MessageStatus = z.infer<typeof MessageStatusSchema>

/** Texts an analyst writes, one per study language. */
export const LocalizedTextSchema = z.partialRecord(LanguageSchema, z.string().trim().max(5000))

// ---------- the message log ----------

export const MessageSchema = z.object({
  id: IdSchema,
  kind: MessageKindSchema,
  status: MessageStatusSchema,
  /**
   * To whom, by pseudonym; name and address only for the roles that manage participants (researcher
   * and up: they send and stop mail), null for analysts and viewers (issue 14).
   */
  participant: z
    .object({ id: IdSchema, pseudonym: z.string(), name: z.string().nullable(), email: z.string().nullable() })
    .nullable(),
  surveyId: IdSchema.nullable(),
  sendId: IdSchema.nullable(),
  language: LanguageSchema.nullable(),
  subject: z.string(),
  attempts: z.number().int(),
  /** Why it failed (the SMTP reply) or was suppressed (e.g. "unsubscribed"). */
  reason: z.string().nullable(),
  /**
   * The new personal link this mail carried and how many older mail links of the participant it
   * replaced (see REPLACED_LINK_GRACE_HOURS). Null: the mail has no personal link, or was not sent.
   */
  personalLink: z.object({ replacedLinks: z.number().int().min(0) }).nullable(),
  dueAt: IsoDateTimeSchema,
  sentAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
})
export type Message = z.infer<typeof MessageSchema>
export const MessagePageSchema = pageOf(MessageSchema)
export const MessageListQuerySchema = PageQuerySchema.extend({
  participantId: IdSchema.optional(),
  sendId: IdSchema.optional(),
  status: MessageStatusSchema.optional(),
  kind: MessageKindSchema.optional(),
})

// ---------- sending ----------

/** Everyone who may be mailed, or the ones picked. */
export const RecipientsSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z.strictObject({ type: z.literal('selected'), participantIds: z.array(IdSchema).min(1).max(100_000) }),
])
export type Recipients = z.infer<typeof RecipientsSchema>

const InvitationFields = {
  kind: z.enum(['diary_invitation', 'survey_invitation']),
  surveyId: IdSchema.nullable().default(null),
  /** A personal word from the researcher, above the standard text. */
  note: LocalizedTextSchema.default({}),
}
const surveyIdWhenNeeded = (b: { kind: string; surveyId: string | null }) =>
  (b.kind === 'survey_invitation') === (b.surveyId !== null)
const surveyIdIssue = { message: 'a survey invitation needs surveyId, a diary invitation none', path: ['surveyId'] }

export const SendInvitationsBodySchema = z
  .strictObject({ ...InvitationFields, recipients: RecipientsSchema })
  .refine(surveyIdWhenNeeded, surveyIdIssue)
export type SendInvitationsBody = z.input<typeof SendInvitationsBodySchema>

/** "You said, we did": what changed because of what participants told. */
export const FeedbackFields = {
  intro: LocalizedTextSchema,
  changes: z.array(LocalizedTextSchema).min(1).max(20),
}
export const SendFeedbackBodySchema = z.strictObject({
  ...FeedbackFields,
  /** contributors: everyone who wrote a diary entry or completed a questionnaire. */
  recipients: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('contributors') }),
    z.strictObject({ type: z.literal('selected'), participantIds: z.array(IdSchema).min(1).max(100_000) }),
  ]),
})
export type SendFeedbackBody = z.input<typeof SendFeedbackBodySchema>

export const PreviewBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('diary_invitation'),
    surveyId: z.null().default(null),
    note: LocalizedTextSchema.default({}),
  }),
  z.strictObject({ kind: z.literal('survey_invitation'), surveyId: IdSchema, note: LocalizedTextSchema.default({}) }),
  z.strictObject({ kind: z.literal('reminder'), surveyId: IdSchema }),
  z.strictObject({ kind: z.literal('diary_prompt') }),
  z.strictObject({ kind: z.literal('feedback'), ...FeedbackFields }),
])
export type PreviewBody = z.input<typeof PreviewBodySchema>
/** The message as each language's participants would get it (with an example link). */
export const PreviewSchema = z.object({
  items: z.array(z.object({ language: LanguageSchema, subject: z.string(), text: z.string(), html: z.string() })),
})

/** One send to many: its progress, for the bar. */
export const SendSchema = z.object({
  id: IdSchema,
  kind: MessageKindSchema,
  surveyId: IdSchema.nullable(),
  total: z.number().int(),
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  suppressed: z.number().int(),
  done: z.boolean(),
  createdAt: IsoDateTimeSchema,
})
export type Send = z.infer<typeof SendSchema>
export const SendPageSchema = pageOf(SendSchema)
export const SendParamsSchema = z.strictObject({ studyId: IdSchema, sendId: IdSchema })

// ---------- reminders ----------

/** Reminders of a survey invitation: only to those who have not finished; at most N, spaced. */
export const ReminderSettingsSchema = z.object({
  enabled: z.boolean(),
  maxReminders: z.number().int().min(1).max(5),
  intervalHours: z
    .number()
    .int()
    .min(24)
    .max(24 * 14),
})
export type ReminderSettings = z.infer<typeof ReminderSettingsSchema>
export const PutReminderSettingsBodySchema = z.strictObject(ReminderSettingsSchema.shape)
export type PutReminderSettingsBody = z.input<typeof PutReminderSettingsBodySchema>

// ---------- a participant's mail, switched off or on by the researcher ----------

export const PutParticipantMailBodySchema = z.strictObject({ subscribed: z.boolean() })
export type PutParticipantMailBody = z.input<typeof PutParticipantMailBodySchema>
