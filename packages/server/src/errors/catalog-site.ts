/** Error codes of the site work, with their HTTP status; merged into ERROR_STATUS. */
export const SITE_ERROR_STATUS = {} as const;
