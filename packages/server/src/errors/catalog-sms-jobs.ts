/** Error codes of the SMS outbox and the job scheduler, with their HTTP status; merged into ERROR_STATUS. */
export const SMS_JOBS_ERROR_STATUS = {
  SMS_PHONE_NOT_MOBILE: 400,
} as const;
