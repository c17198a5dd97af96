/**
 * A separate Tandem process (for the crash tests): boots the app on DATABASE_URL with the event
 * dispatcher on, without an HTTP listener, and says 'ready' to its parent. The test kills it.
 */
import { bootstrap } from 'src/bootstrap';
import { loadConfig } from 'src/config/load-config';

const config = loadConfig({
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  EVENTS_DISPATCHER: 'on',
});
// Never outlive the test that started it (a timed-out test must not leave a dispatcher behind).
process.on('disconnect', () => process.exit(0));
bootstrap(config, { listen: false }).then(
  () => process.send?.('ready'),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
