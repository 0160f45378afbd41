// What other features may use of the questionnaire: the answers waiting on this device. Only the
// small response store; the questionnaire screen stays a lazy chunk of its own (app/app.tsx).
export { listRefused, readCopy, SURVEYS_CHANGED } from './api/response-store'
