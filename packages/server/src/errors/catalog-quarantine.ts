/** Error codes of the quarantine work, with their HTTP status; merged into ERROR_STATUS. */
export const QUARANTINE_ERROR_STATUS = {} as const;
