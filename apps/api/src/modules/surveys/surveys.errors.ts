import createError from '@fastify/error'

export const SurveyNotFoundError = createError<[string]>('SURVEY_NOT_FOUND', 'Survey %s not found', 404)
export const SurveyVersionNotFoundError = createError<[number]>('SURVEY_VERSION_NOT_FOUND', 'Version %s of this survey not found', 404)
export const ResponseNotFoundError = createError<[string]>('RESPONSE_NOT_FOUND', 'Response %s not found', 404)
export const SurveyClosedError = createError('SURVEY_CLOSED', 'This survey is closed', 403)
export const ResponseCompleteError = createError('RESPONSE_COMPLETE', 'This response was already submitted', 409)
export const ResponseVersionError = createError('VERSION_MISMATCH', 'This response belongs to another version of the survey', 409)
export const ResponseExistsError = createError('RESPONSE_EXISTS', 'You already started this survey; it continues where you left off', 409)
export const LinkNotFoundError = createError<[string]>('NOT_FOUND', 'Link %s not found', 404)
export const LinkLimitReachedError = createError('LIMIT_REACHED', 'This survey link has received all the responses it allows', 403)
export const LinkClosedError = createError('LINK_CLOSED', 'This survey link is no longer in use', 403)
export const AnonymousUnauthenticatedError = createError('UNAUTHENTICATED', 'Open the survey link again', 401)
/** The analyst side of a closed survey: its draft takes no new questions (the respondent side is a 403 above). */
export const SurveyClosedForChangesError = createError('SURVEY_CLOSED', 'This survey is closed; reopen it before adding questions', 409)
