/** The server's on-demand endpoints the request form calls (no trailing slash: POST is not redirected). */
export const LEAD_ENDPOINT = '/api/leads';
/** Where the form's script fetches its time-trap token. */
export const FORM_TOKEN_ENDPOINT = '/api/form-token';
