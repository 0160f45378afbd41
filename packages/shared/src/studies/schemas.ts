import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, LanguageSchema, pageOf } from '../common/index.js'
import { LOYALTY_METRICS, RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN, STUDY_STATUSES } from './constants.js'

const text = (max: number) => z.string().trim().max(max)
const name = z.string().trim().min(1, 'required').max(200)

export const LoyaltyMetricSchema = z.enum(LOYALTY_METRICS)
export const StudyStatusSchema = z.enum(STUDY_STATUSES)

export const StudySchema = z.object({
  id: IdSchema,
  title: z.string(),
  goal: z.string(),
  loyaltyMetrics: z.array(LoyaltyMetricSchema),
  scope: z.string(),
  customerJob: z.string(),
  languages: z.array(LanguageSchema),
  status: StudyStatusSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  /** When the study was closed: its data's retention period counts from here. */
  closedAt: IsoDateTimeSchema.nullable(),
  /** Erase participants' data this many months after the study ends; null: the organization's default. */
  retentionMonths: z.number().int().nullable(),
  /** A participant's removal request is carried out at once (else an admin confirms it). */
  eraseOnRequest: z.boolean(),
  /** The period that applies: the study's own, else the organization's default; null: kept until erased by hand. */
  effectiveRetentionMonths: z.number().int().nullable(),
  /**
   * When the retention job erases the participants' data: closedAt + effectiveRetentionMonths. Null while
   * the study runs (it has not ended) or when no period applies.
   */
  retentionEndsOn: IsoDateTimeSchema.nullable(),
})
export type Study = z.infer<typeof StudySchema>
export const StudyPageSchema = pageOf(StudySchema)

const studyFields = {
  title: name,
  goal: text(4000),
  loyaltyMetrics: z
    .array(LoyaltyMetricSchema)
    .max(3)
    .refine((a) => new Set(a).size === a.length, 'duplicate metric'),
  scope: text(4000),
  customerJob: text(4000),
  languages: z
    .array(LanguageSchema)
    .min(1)
    .max(2)
    .refine((a) => new Set(a).size === a.length, 'duplicate language'),
  status: StudyStatusSchema,
}
export const CreateStudyBodySchema = z.strictObject({
  ...studyFields,
  goal: studyFields.goal.default(''),
  loyaltyMetrics: studyFields.loyaltyMetrics.default([]),
  scope: studyFields.scope.default(''),
  customerJob: studyFields.customerJob.default(''),
  languages: studyFields.languages.default(['nl', 'en']),
  status: studyFields.status.default('draft'),
})
export type CreateStudyBody = z.input<typeof CreateStudyBodySchema>
/** A retention period in months; null on a study: use the organization's default. */
export const RetentionMonthsSchema = z.number().int().min(RETENTION_MONTHS_MIN).max(RETENTION_MONTHS_MAX)
// retentionMonths and eraseOnRequest are an admin's or owner's to change (the API answers 403 to others)
export const UpdateStudyBodySchema = z
  .strictObject({ ...studyFields, retentionMonths: RetentionMonthsSchema.nullable(), eraseOnRequest: z.boolean() })
  .partial()
export type UpdateStudyBody = z.input<typeof UpdateStudyBodySchema>
export const StudyParamsSchema = z.strictObject({ studyId: IdSchema })
export const ListStudiesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  status: StudyStatusSchema.optional(),
})

/**
 * The organization's settings for its studies (GET/PUT /organization/settings): the default retention
 * period a study without its own uses; null: kept until erased by hand. Here beside the study's own
 * period, as the two make one rule. Every member reads it; admins and owners change it.
 */
export const OrganizationSettingsSchema = z.object({ retentionMonths: RetentionMonthsSchema.nullable() })
export type OrganizationSettings = z.infer<typeof OrganizationSettingsSchema>
export const UpdateOrganizationSettingsBodySchema = z.strictObject({
  retentionMonths: RetentionMonthsSchema.nullable(),
})
export type UpdateOrganizationSettingsBody = z.input<typeof UpdateOrganizationSettingsBodySchema>
