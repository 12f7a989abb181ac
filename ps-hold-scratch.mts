import { writeFileSync } from 'node:fs';
import { startPrivateServers } from './test/support/private-servers.ts';
const s = await startPrivateServers();
writeFileSync('/tmp/faults-scratch/private-env', Object.entries(s.env).map(([k, v]) => `export ${k}=${v}`).join('\n') + '\n');
console.log('READY');
process.on('SIGTERM', async () => { await s.close(); process.exit(0); });
setInterval(() => {}, 1 << 30);
