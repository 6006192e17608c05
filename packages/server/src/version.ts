/** Version of the server, shown in the OpenAPI document and the start-up log. */
export const VERSION = '0.1.0';
