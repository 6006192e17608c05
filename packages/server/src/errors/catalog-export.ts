/** Error codes of the export work, with their HTTP status; merged into ERROR_STATUS. */
export const EXPORT_ERROR_STATUS = {} as const;
