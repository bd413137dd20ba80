#!/usr/bin/env node
// The `ansinh` command: runs the TypeScript CLI through tsx (no build step).
require('tsx/cjs');
require('../cli/main.ts')
  .main()
  .then((code) => {
    process.exitCode = code;
    // A failed command ends here, whatever it left open: a worker or API that failed at start holds
    // the database pool and Temporal's runtime (whose metrics listener still answers a probe), and
    // would stay alive doing nothing instead of being restarted by its orchestrator.
    if (code !== 0) process.exit(code);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
