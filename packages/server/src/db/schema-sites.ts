/** Row types of the tables added by migration sites; merged into Database. */
// TODO: the sites helper adds its tables here.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SitesTables {}
