/** Error codes of the import work, with their HTTP status; merged into ERROR_STATUS. */
export const IMPORT_ERROR_STATUS = {} as const;
