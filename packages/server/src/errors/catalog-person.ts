/** Error codes of the person work, with their HTTP status; merged into ERROR_STATUS. */
export const PERSON_ERROR_STATUS = {
  RISK_REGION_NOT_FOUND: 404,
  PERSON_MERGE_SELF: 400,
  PERSON_MERGED: 409,
} as const;
