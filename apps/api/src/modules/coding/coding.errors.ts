import { defineError } from '../../lib/errors.js'

export const CodeNotFoundError = defineError<[string]>('CODE_NOT_FOUND', 'Code %s not found in this study', 404)
export const CodeNameTakenError = defineError<[string]>('CODE_TAKEN', '%s', 409)
export const CodeConflictError = defineError<[number]>(
  'CODE_CONFLICT',
  'Someone else changed this code meanwhile (it is at version %s now); reload it',
  409,
)
export const CodeInUseError = defineError<[number]>(
  'CODE_IN_USE',
  'This code is used by %s coding(s): choose a code to move them to (remapTo), or keep it',
  409,
)
export const CodeHasChildrenError = defineError(
  'CODE_HAS_CHILDREN',
  'This code has codes under it: move or delete those first',
  409,
)
export const SourceNotFoundError = defineError<[string]>('SOURCE_NOT_FOUND', 'Source %s not found in this study', 404)
export const CodingNotFoundError = defineError<[string]>('CODING_NOT_FOUND', 'Coding %s not found', 404)
export const CodingConflictError = defineError<[string]>(
  'CODING_CONFLICT',
  '%s; reload the source to see the current codings',
  409,
)
export const SampleNotFoundError = defineError<[string]>('SAMPLE_NOT_FOUND', 'Sample %s not found', 404)
export const CoderNotFoundError = defineError(
  'CODER_NOT_FOUND',
  'Both coders must be members of this organization',
  404,
)
