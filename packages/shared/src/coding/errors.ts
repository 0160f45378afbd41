/** The error codes the API answers with in this domain: the codebook, codings and double-coding samples. Zod-free, so a bundle may switch on them. */
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
