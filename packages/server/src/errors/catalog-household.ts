/** Error codes of the household work, with their HTTP status; merged into ERROR_STATUS. */
export const HOUSEHOLD_ERROR_STATUS = {} as const;
