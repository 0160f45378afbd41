import './findings.css'
export { useFindings, useVerification } from './api/findings'
