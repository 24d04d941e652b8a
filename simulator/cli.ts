import { USAGE, parseCliArgs } from './cli-args';
import { DEMO_CLIENT_ID, createSimulator } from './index';

// `npm run simulator -- [options]`: serves the simulator until SIGINT or SIGTERM.

const parsed = parseCliArgs(process.argv.slice(2));
if (parsed.ok === 'help') {
  console.log(USAGE);
  process.exit(0);
}
if (!parsed.ok) {
  console.error(`simulator: ${parsed.error}\n${USAGE}`);
  process.exit(2);
}
const { options } = parsed;
const simulator = createSimulator({
  clients: options.clients,
  scenario: options.scenario,
  controlApi: options.controlApi,
  ...(options.seed === undefined ? {} : { seed: options.seed }),
});
const server = await simulator.listen(options.port, options.host);
console.log(`listening on ${server.url}`);
console.log(`demo client id: ${DEMO_CLIENT_ID}${options.controlApi ? ` · control API: ${server.url}/__control/state` : ''}`);

let closing = false;
const stop = (): void => {
  if (closing) return;
  closing = true;
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
