import createError from '@fastify/error'

export const SurveyNotFoundError = createError<[string]>('SURVEY_NOT_FOUND', 'Survey %s not found', 404)
export const SurveyVersionNotFoundError = createError<[number]>('SURVEY_VERSION_NOT_FOUND', 'Version %s of this survey not found', 404)
