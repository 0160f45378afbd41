export { useFindings, useVerification } from './api/findings'
