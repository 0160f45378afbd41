import createError from '@fastify/error'

export const StudyNotFoundError = createError<[string]>('STUDY_NOT_FOUND', 'Study %s not found', 404)
