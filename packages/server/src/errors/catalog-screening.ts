/** Error codes of the screening work, with their HTTP status; merged into ERROR_STATUS. */
export const SCREENING_ERROR_STATUS = {} as const;
