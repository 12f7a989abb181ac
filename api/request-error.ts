/**
 * A request the API cannot take as it is, refused before anything else happens: a body that is
 * no valid TMF body (400 `invalidRequest`), a JSON Patch that does not apply (400) or whose
 * `test` fails (409 `patchTestFailed`), a media type a route does not read (415
 * `unsupportedMediaType`). The error handler answers it as a TMF `Error` with its status and code.
 */
export class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}
