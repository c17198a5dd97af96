// Statement capture for the same-work limits (bench/same-work.ts): loaded by tandem-server.js
// only when BENCH_CAPTURE=1 (a separate Tandem process that is never measured). It records every
// statement pg sends within a request whose X-Request-Id starts with `bench-capture-`, as text
// and parameters, in order (transaction control included), and the UUIDs Tandem generated while
// serving it, so a replay can give each run its own fresh ids. Asked over IPC:
// { capture: 'take', requestId } → { statements, generated }.
const crypto = require('node:crypto');
const pg = require('pg');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

module.exports = function installCapture(currentContext) {
  const byRequest = new Map();
  const generated = new Map();
  const capturing = () => {
    const id = currentContext()?.requestId;
    return typeof id === 'string' && id.startsWith('bench-capture-') ? id : null;
  };
  const original = pg.Client.prototype.query;
  // The UUIDs a statement returned (first 200 rows), so a replay can hand the ids its own
  // statements return to the later statements that use them.
  const returnedIds = (result) => {
    const out = [];
    const rows = (result && result.rows) || [];
    rows.slice(0, 200).forEach((row, r) => {
      for (const [col, v] of Object.entries(row))
        if (typeof v === 'string' && UUID.test(v)) out.push({ row: r, col, value: v });
    });
    return out;
  };
  pg.Client.prototype.query = function query(config, values, callback) {
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    const id = capturing();
    let entry = null;
    if (id) {
      const text = typeof config === 'string' ? config : config && config.text;
      const params = Array.isArray(values) ? values : config && config.values;
      if (text) {
        const list = byRequest.get(id) ?? [];
        entry = {
          text,
          name: (typeof config === 'object' && config && config.name) || null,
          values: params ? JSON.parse(JSON.stringify(params)) : [],
          returned: [],
        };
        list.push(entry);
        byRequest.set(id, list);
      }
    }
    if (entry && typeof callback === 'function') {
      const done = callback;
      callback = (err, res) => {
        if (!err) entry.returned = returnedIds(res);
        done(err, res);
      };
    }
    const out = original.call(this, config, values, callback);
    if (entry && out && typeof out.then === 'function')
      out.then(
        (res) => (entry.returned = returnedIds(res)),
        () => undefined,
      );
    return out;
  };
  const randomUUID = crypto.randomUUID;
  crypto.randomUUID = function captureUUID(...args) {
    const value = randomUUID.apply(crypto, args);
    const id = capturing();
    if (id) generated.set(id, [...(generated.get(id) ?? []), value]);
    return value;
  };
  process.on('message', (m) => {
    if (!m || m.capture !== 'take') return;
    process.send({
      statements: byRequest.get(m.requestId) ?? [],
      generated: generated.get(m.requestId) ?? [],
    });
    byRequest.delete(m.requestId);
    generated.delete(m.requestId);
  });
};
