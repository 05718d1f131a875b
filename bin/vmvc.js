#!/usr/bin/env node
// CommonJS (see bin/package.json): Node starts it faster than an ES module.
require('../dist/start.cjs').run();
