#!/usr/bin/env node
// Node >= 22.1 can cache compiled code between runs; Node 20 has no such API.
import module from 'node:module';
if (typeof module.enableCompileCache === 'function') module.enableCompileCache();
const { main } = await import('../dist/cli.js');
await main(process.argv);
