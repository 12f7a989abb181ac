import type { LocalServer } from '../local-server.js';
import type { Settings } from '../settings.js';
import { installTemporalCli } from './install.js';
import { temporalAnswers, temporalFiles, temporalServerCommand, type SearchAttributeDeclaration } from './server.js';

export function temporalLocalServer(
  settings: Settings,
  searchAttributes: readonly SearchAttributeDeclaration[],
): LocalServer {
  const { address, namespace, uiUrl, external } = settings.temporal;
  return {
    name: 'temporal',
    external,
    endpoints: [
      `Temporal gRPC      ${address} (namespace ${namespace})`,
      `Temporal UI        ${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows`,
    ],
    answers: () => temporalAnswers(settings),
    prepare: async (log) =>
      temporalServerCommand(settings, await installTemporalCli(settings.toolsDir, log), searchAttributes),
    ...temporalFiles(settings),
    startTimeoutMs: 60_000,
  };
}
