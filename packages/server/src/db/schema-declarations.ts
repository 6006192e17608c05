/** Row types of the tables added by migration declarations; merged into Database. */
// TODO: the declarations helper adds its tables here.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DeclarationsTables {}
