/** Error codes of the gate rules work, with their HTTP status; merged into ERROR_STATUS. */
export const GATE_RULES_ERROR_STATUS = {} as const;
