#!/usr/bin/env node
'use strict';
// CommonJS, like the bundles it loads: Node starts a CommonJS file faster than an ES module.
require('../dist/launch.cjs').launch(process.argv);
