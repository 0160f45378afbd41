import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, LanguageSchema, pageOf } from '../common/index.js'
import { LOYALTY_METRICS, STUDY_STATUSES } from './constants.js'

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
export const UpdateStudyBodySchema = z.strictObject(studyFields).partial()
export type UpdateStudyBody = z.input<typeof UpdateStudyBodySchema>
export const StudyParamsSchema = z.strictObject({ studyId: IdSchema })
export const ListStudiesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  status: StudyStatusSchema.optional(),
})
