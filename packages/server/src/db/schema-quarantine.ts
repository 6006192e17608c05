/** Row types of the tables added by migration quarantine; merged into Database. */
// TODO: the quarantine helper adds its tables here.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface QuarantineTables {}
