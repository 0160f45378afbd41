/** The error codes the API answers with in this domain: the journey dashboard. Zod-free, so a bundle may switch on them. */
export const DASHBOARD_ERROR_CODES = ['DASHBOARD_FILTER_TOO_BROAD'] as const
