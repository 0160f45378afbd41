// zod-free: front ends switch on these without pulling in validation.

/** The error codes the API answers with in this domain: the dashboard and its quotes. */
export const DASHBOARD_ERROR_CODES = ['DASHBOARD_FILTER_TOO_BROAD'] as const
