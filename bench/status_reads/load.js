// One autocannon measurement, configured by a JSON argument, answered as one JSON line on stdout:
// {"url", "paths": [..] (spread round-robin over the requests), "headers", "connections",
//  "seconds", "rate" (overall requests/s, null for saturation)}.
'use strict';
const autocannon = require('autocannon');

const spec = JSON.parse(process.argv[2]);
const paths = spec.paths && spec.paths.length ? spec.paths : [new URL(spec.url).pathname];
let next = 0;
const options = {
  url: spec.url,
  connections: spec.connections,
  duration: spec.seconds,
  headers: spec.headers || {},
  requests: [
    {
      setupRequest: (request) => {
        request.path = paths[next++ % paths.length];
        return request;
      },
    },
  ],
};
if (spec.rate) {
  options.overallRate = spec.rate;
}
autocannon(options, (error, result) => {
  if (error) {
    console.error(error);
    process.exit(1);
  }
  const l = result.latency;
  process.stdout.write(
    JSON.stringify({
      requests: result.requests.total,
      rps: result.requests.total / result.duration,
      p50: l.p50,
      p90: l.p90,
      p99: l.p99,
      max: l.max,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: result.statusCodeStats,
    }) + '\n'
  );
});
