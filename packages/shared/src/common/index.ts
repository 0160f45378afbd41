export * from './constants.js'
export * from './schemas.js'
export * from './api-error.js'
export * from './pagination.js'
