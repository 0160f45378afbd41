export * from './constants.js'
export * from './definition.js'
export * from './answer.js'
export * from './generate.js'
