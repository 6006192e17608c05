/** Error codes of the declaration work, with their HTTP status; merged into ERROR_STATUS. */
export const DECLARATION_ERROR_STATUS = {} as const;
