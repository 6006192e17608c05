/** Error codes of the sms-jobs work, with their HTTP status; merged into ERROR_STATUS. */
export const SMS_JOBS_ERROR_STATUS = {} as const;
