#!/usr/bin/env node
// The `ansinh` command: runs the TypeScript CLI through tsx (no build step).
require('tsx/cjs');
require('../cli/main.ts')
  .main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
