// The suite runs with the built JavaScript of the workspace. The root package has no runtime
// dependencies of its own, so modules (nats, mongodb, @aiplat/*) are resolved from the gateway's
// package, which depends on all of them.
'use strict';
const { createRequire } = require('node:module');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '../..');
const req = createRequire(join(ROOT, 'services/gateway/package.json'));

module.exports = { ROOT, req };
