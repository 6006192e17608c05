/** Error codes of the person work, with their HTTP status; merged into ERROR_STATUS. */
export const PERSON_ERROR_STATUS = {} as const;
