import { z } from 'zod';

/** The TMF630 `Error` body every failed request gets — never a stack trace. */
export const tmfErrorSchema = z.object({
  code: z.string(),
  reason: z.string(),
  message: z.string(),
  status: z.string(),
  '@type': z.literal('Error'),
});
export type TmfError = z.output<typeof tmfErrorSchema>;

export function tmfError(status: number, code: string, reason: string, message: string): TmfError {
  return { code, reason, message, status: String(status), '@type': 'Error' };
}
