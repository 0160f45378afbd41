import { defineError } from '../../lib/errors.js'

export const SurveyNotFoundError = defineError<[string]>('SURVEY_NOT_FOUND', 'Survey %s not found', 404)
export const SurveyVersionNotFoundError = defineError<[number]>(
  'SURVEY_VERSION_NOT_FOUND',
  'Version %s of this survey not found',
  404,
)
export const ResponseNotFoundError = defineError<[string]>('RESPONSE_NOT_FOUND', 'Response %s not found', 404)
export const SurveyClosedError = defineError('SURVEY_CLOSED', 'This survey is closed', 403)
export const ResponseCompleteError = defineError('RESPONSE_COMPLETE', 'This response was already submitted', 409)
export const ResponseVersionError = defineError(
  'VERSION_MISMATCH',
  'This response belongs to another version of the survey',
  409,
)
export const ResponseExistsError = defineError(
  'RESPONSE_EXISTS',
  'You already started this survey; it continues where you left off',
  409,
)
export const LinkNotFoundError = defineError<[string]>('NOT_FOUND', 'Link %s not found', 404)
export const LinkLimitReachedError = defineError(
  'LIMIT_REACHED',
  'This survey link has received all the responses it allows',
  403,
)
export const LinkClosedError = defineError('LINK_CLOSED', 'This survey link is no longer in use', 403)
export const AnonymousUnauthenticatedError = defineError('UNAUTHENTICATED', 'Open the survey link again', 401)
/** The analyst side of a closed survey: its draft takes no new questions (the respondent side is a 403 above). */
export const SurveyClosedForChangesError = defineError(
  'SURVEY_CLOSED',
  'This survey is closed; reopen it before adding questions',
  409,
)
