/** Error codes of the gate work, with their HTTP status; merged into ERROR_STATUS. */
export const GATE_ERROR_STATUS = {} as const;
