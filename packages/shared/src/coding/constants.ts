// zod-free: front ends read these without pulling in validation.
/** A coding's valence is a diary entry's: pain, gain or neutral. */
export { VALENCES } from '../diary/constants.js'
/** A diary entry's text, an open answer, or one item of an empathy map. */
export const SOURCE_KINDS = ['diary_entry', 'answer', 'empathy_item'] as const

/** The error codes the API answers with in this domain: the codebook, codings and samples. */
export const CODING_ERROR_CODES = [
  'CODE_NOT_FOUND',
  'CODE_TAKEN',
  'CODE_CONFLICT',
  'CODE_HAS_CHILDREN',
  'CODE_IN_USE',
  'CODING_NOT_FOUND',
  'CODING_CONFLICT',
  'SOURCE_NOT_FOUND',
  'SAMPLE_NOT_FOUND',
  'CODER_NOT_FOUND',
] as const
