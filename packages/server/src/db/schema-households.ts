/** Row types of the tables added by migration households; merged into Database. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HouseholdTables {}
