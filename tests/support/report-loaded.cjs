// Preloaded with `node --require` by tests: on exit, prints to stderr which of
// vmvc's lazily loaded vendor bundles were read from disk.
const fs = require('node:fs');
const read = new Set();
const original = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  const name = String(file);
  if (/[\\/]dist[\\/]vendor[\\/][^\\/]+\.cjs$/.test(name)) read.add(name.replace(/.*[\\/]/, ''));
  return original.call(this, file, ...rest);
};
process.on('exit', () => {
  process.stderr.write(`loaded: ${JSON.stringify([...read].sort())}\n`);
});
