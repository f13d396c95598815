/** An OAuth endpoint failure, sent as `{ error, error_description }` with status 400 as Salesforce does. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}
