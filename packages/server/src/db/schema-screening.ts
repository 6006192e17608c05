/** Row types of the tables added by migration screening; merged into Database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScreeningTables {}
