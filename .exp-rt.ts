import { startLocalSystem } from './infra/local/system.js';
import { getDeps } from './shared/adapters/deps.js';
const sys = await startLocalSystem({ dataDir: null, quiet: true, staticDir: null, auditPollMs: 3_600_000 });
try {
  await new Promise((r) => setTimeout(r, 15000));
  for (let i = 0; i < 5; i++) await getDeps().audit.append({ participantId: 'p-1', at: new Date().toISOString(), actorRef: 'staff-1', actorRole: 'adviser', action: 'READ', purpose: 'x', route: 'GET /x' });
  await new Promise((r) => setTimeout(r, 15000));
  console.log('appended');
  await sys.audit.drain();
  console.log('drained', sys.audit.stats(), (await getDeps().audit.list('p-1')).map((e) => [e.seq, e.state]));
} catch (e) { console.log('ERR', (e as Error).name, (e as Error).message); }
finally { await sys.stop(); }
