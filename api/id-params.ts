import { z } from 'zod';

/** The path parameters of every `…/:id` route. */
export const idParams = z.object({ id: z.string().min(1) });
