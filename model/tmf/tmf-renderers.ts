import type { InstanceSnapshot } from '../tmf-json.js';
import type { TmfVersion } from './state-vocabulary.js';
import type { RenderContext } from './tmf-paths.js';
import { renderTmfV4 } from './v4-json.js';
import { renderTmfV5 } from './v5-json.js';

/** An instance as TMF JSON of one version. */
export type TmfRenderer = (instance: InstanceSnapshot, context: RenderContext) => Record<string, unknown>;

/** The renderer of each TMF version: what its API serves and its events carry. */
export const tmfRenderers: Record<TmfVersion, TmfRenderer> = {
  v4: (instance, context) => renderTmfV4(instance, context),
  v5: renderTmfV5,
};
