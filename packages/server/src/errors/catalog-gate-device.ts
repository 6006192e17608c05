/** Error codes of the gate device work, with their HTTP status; merged into ERROR_STATUS. */
export const GATE_DEVICE_ERROR_STATUS = {} as const;
