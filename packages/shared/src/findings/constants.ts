// zod-free: front ends read these without pulling in validation.

/** What is computed from a question's answers. */
export const METRICS = ['top2box', 'bottom2box', 'mean', 'nps', 'detractor_share'] as const
export type Metric = (typeof METRICS)[number]

/** Which metrics a question type supports: a measure that does not fit its question is refused. */
export const METRICS_BY_TYPE: Record<string, readonly Metric[]> = {
  nps: ['nps', 'detractor_share', 'top2box', 'bottom2box', 'mean'],
  csat: ['top2box', 'bottom2box', 'mean'],
  ces: ['top2box', 'bottom2box', 'mean'],
  likert: ['top2box', 'bottom2box', 'mean'],
  rating: ['top2box', 'bottom2box', 'mean'],
  emotion: ['top2box', 'bottom2box', 'mean'],
}

/** The smallest effect that matters unless the analyst says otherwise: 5 percentage points. */
export const DEFAULT_SESOI = 0.05

export const VERDICTS = ['supported', 'contradicted', 'inconclusive', 'silence'] as const

/** The error codes the API answers with in this domain: findings and their versions. */
export const FINDINGS_ERROR_CODES = ['FINDING_NOT_FOUND', 'FINDING_CONFLICT'] as const
