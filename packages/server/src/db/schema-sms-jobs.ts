/** Row types of the tables added by migration sms-jobs; merged into Database. */
// TODO: the sms-jobs helper adds its tables here.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SmsJobsTables {}
