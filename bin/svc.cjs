#!/usr/bin/env node
'use strict';
// CommonJS, like the bundles it loads: Node starts a CommonJS file faster than an ES module.
// Node >= 22.1 can cache compiled code between runs; Node 20 has no such API.
const { enableCompileCache } = require('node:module');
if (typeof enableCompileCache === 'function') enableCompileCache();
require('../dist/svc.cjs').main(process.argv);
