/** Error codes of the work work, with their HTTP status; merged into ERROR_STATUS. */
export const WORK_ERROR_STATUS = {} as const;
