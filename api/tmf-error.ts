/** The TMF630 `Error` body every failed request gets — never a stack trace. */
export interface TmfError {
  code: string;
  reason: string;
  message: string;
  status: string;
  '@type': 'Error';
}

export function tmfError(status: number, code: string, reason: string, message: string): TmfError {
  return { code, reason, message, status: String(status), '@type': 'Error' };
}
