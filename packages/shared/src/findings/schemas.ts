import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema } from '../common/index.js'
import { VALENCES } from '../diary/constants.js'
import { DEFAULT_SESOI, METRICS, VERDICTS } from './constants.js'

// ---------- how a finding is checked against the survey (docs/analysis.md §5.1) ----------

export const MetricSchema = z.enum(METRICS)

export const ClaimSchema = z.discriminatedUnion('kind', [
  /** The touchpoint scores higher or lower than the rest of the journey, or than one other touchpoint. */
  z.strictObject({
    kind: z.literal('comparative'),
    reference: z.union([z.literal('rest'), IdSchema]),
    direction: z.enum(['higher', 'lower']),
  }),
  /** "Most customers …": the metric is at least / at most a threshold (a share 0–1, or a scale value). */
  z.strictObject({ kind: z.literal('level'), threshold: z.number(), direction: z.enum(['at_least', 'at_most']) }),
  /** One persona scores higher or lower than another. */
  z.strictObject({
    kind: z.literal('personas'),
    personaId: IdSchema,
    otherPersonaId: IdSchema,
    direction: z.enum(['higher', 'lower']),
  }),
])
export type Claim = z.infer<typeof ClaimSchema>

export const OperationalizationSchema = z.object({
  id: IdSchema,
  surveyId: IdSchema,
  questionId: z.string(),
  /** The touchpoint the question is about (from the question), or the finding's. */
  touchpointId: IdSchema.nullable(),
  metric: MetricSchema,
  claim: ClaimSchema,
  /** The smallest effect that matters, in the metric's units (0.05 = 5 percentage points). */
  sesoi: z.number(),
  primary: z.boolean(),
})
export type Operationalization = z.infer<typeof OperationalizationSchema>

/** One operationalization as a finding body carries it (part of CreateFindingBodySchema and UpdateFindingBodySchema). */
export const OperationalizationBodySchema = z.strictObject({
  surveyId: IdSchema,
  questionId: z.string().min(1).max(64),
  metric: MetricSchema,
  claim: ClaimSchema,
  sesoi: z.number().min(0).max(100).default(DEFAULT_SESOI),
  primary: z.boolean().default(true),
})
export type OperationalizationBody = z.input<typeof OperationalizationBodySchema>

// ---------- findings ----------

export const EvidenceSchema = z.object({
  codingId: IdSchema,
  quote: z.string(),
  source: z.string(),
  /** A pseudonym, never the participant's name or address. */
  participant: z.string().nullable(),
  touchpointId: IdSchema.nullable(),
  valence: z.enum(VALENCES).nullable(),
})

export const FindingSchema = z.object({
  id: IdSchema,
  statement: z.string(),
  touchpointIds: z.array(IdSchema),
  personaIds: z.array(IdSchema),
  evidence: z.array(EvidenceSchema),
  /** Evidence quotes that went when their participant was erased (the finding stays; issue 14). */
  erasedEvidence: z.number().int().nonnegative(),
  operationalizations: z.array(OperationalizationSchema),
  /** What the analyst concludes from both strands together (required when they disagree). */
  metaInference: z.string(),
  version: z.number().int(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type Finding = z.infer<typeof FindingSchema>
export const FindingListSchema = z.object({ items: z.array(FindingSchema) })

const FindingFields = {
  statement: z.string().trim().min(1).max(1000),
  touchpointIds: z.array(IdSchema).max(20).default([]),
  personaIds: z.array(IdSchema).max(20).default([]),
  /** Codings that back the finding; shown as quotes. */
  codingIds: z.array(IdSchema).max(500).default([]),
  operationalizations: z.array(OperationalizationBodySchema).max(10).default([]),
  metaInference: z.string().trim().max(5000).default(''),
}
const onePrimary = (b: { operationalizations?: { primary: boolean }[] }) =>
  !b.operationalizations || b.operationalizations.filter((o) => o.primary).length <= 1
const onePrimaryIssue = {
  message: 'at most one primary operationalization, declared before looking at the results',
  path: ['operationalizations'],
}

export const CreateFindingBodySchema = z.strictObject(FindingFields).refine(onePrimary, onePrimaryIssue)
export type CreateFindingBody = z.input<typeof CreateFindingBodySchema>
export const UpdateFindingBodySchema = z
  .strictObject({
    statement: FindingFields.statement.optional(),
    touchpointIds: z.array(IdSchema).max(20).optional(),
    personaIds: z.array(IdSchema).max(20).optional(),
    codingIds: z.array(IdSchema).max(500).optional(),
    operationalizations: z.array(OperationalizationBodySchema).max(10).optional(),
    metaInference: z.string().trim().max(5000).optional(),
    /** The version this edit started from. */
    baseVersion: z.number().int().min(1),
  })
  .refine(onePrimary, onePrimaryIssue)
export type UpdateFindingBody = z.input<typeof UpdateFindingBodySchema>
export const FindingParamsSchema = z.strictObject({ studyId: IdSchema, findingId: IdSchema })

// ---------- verification (docs/analysis.md §5) ----------

export const VerdictSchema = z.enum(VERDICTS)
export type Verdict = z.infer<typeof VerdictSchema>

export const OperationalizationResultSchema = z.object({
  operationalizationId: IdSchema,
  primary: z.boolean(),
  status: VerdictSchema.exclude(['silence']),
  /** strongly supported / reversed / negligible / insufficient data / compatible with both */
  reason: z.string(),
  design: z.enum(['paired', 'independent', 'one-sample']),
  test: z.string(),
  /** The effect, oriented so that positive is the direction the finding claims, with its 95% CI. */
  estimate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  /** The metric on the target, and on the reference (null for a level claim). */
  target: z.object({ value: z.number().nullable(), n: z.number().int() }),
  reference: z.object({ value: z.number().nullable(), n: z.number().int() }).nullable(),
  /** One-sided p for "no effect in the claimed direction", and adjusted across the study's findings. */
  p: z.number().nullable(),
  pAdjusted: z.number().nullable(),
  effectSize: z.object({ name: z.string(), value: z.number() }).nullable(),
  sesoi: z.number(),
  /** For an inconclusive result: about how many answers would settle it. */
  nNeeded: z.number().int().nullable(),
})
export type OperationalizationResult = z.infer<typeof OperationalizationResultSchema>

export const FindingVerificationSchema = z.object({
  findingId: IdSchema,
  status: VerdictSchema,
  /** How the two strands relate (docs/analysis.md §5.2 step 6). */
  fit: z.enum(['confirmation', 'discordance', 'expansion', 'silence', 'open']),
  results: z.array(OperationalizationResultSchema),
})
export type FindingVerification = z.infer<typeof FindingVerificationSchema>
export const VerificationSchema = z.object({
  items: z.array(FindingVerificationSchema),
  settings: z.object({ alpha: z.number(), adjustment: z.enum(['bh', 'holm']), minN: z.number().int() }),
})
export const VerificationQuerySchema = z.strictObject({ adjustment: z.enum(['bh', 'holm']).default('bh') })

// ---------- a question for a finding no survey item measures (verdict "silence") ----------

/**
 * Which survey's draft receives the question. The touchpoint is the finding's own; a finding about
 * several touchpoints names the one to ask about.
 */
export const AddFindingQuestionBodySchema = z.strictObject({ surveyId: IdSchema, touchpointId: IdSchema.optional() })
export type AddFindingQuestionBody = z.input<typeof AddFindingQuestionBodySchema>
export const AddFindingQuestionResultSchema = z.object({
  finding: FindingSchema,
  surveyId: IdSchema,
  questionId: z.string(),
  /** false when the draft already asked about the touchpoint and that question was linked instead. */
  questionCreated: z.boolean(),
  /** false when the finding already pointed at the question (a repeated call changes nothing). */
  operationalizationCreated: z.boolean(),
})
export type AddFindingQuestionResult = z.infer<typeof AddFindingQuestionResultSchema>
