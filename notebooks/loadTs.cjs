// Loads the project's TypeScript modules into a notebook running on the tslab kernel.
//
// tslab compiles each cell with its own TypeScript settings (CommonJS, no `.ts` import paths) and
// turns `import()` into `require()`, so a cell cannot import the project's ESM TypeScript directly.
// This file is plain CommonJS outside tslab's sandbox: it registers tsx's ESM loader once, then a
// real dynamic `import()` loads any project module, resolved against this folder.
//   const load = require("./loadTs.cjs");
//   const { runScenario } = await load("../sim/runScenario.ts");
const { pathToFileURL } = require("node:url");
const { resolve } = require("node:path");

let registered;
module.exports = async function load(path) {
  registered ??= import("tsx/esm"); // registers tsx's loader hooks in this process
  await registered;
  return import(pathToFileURL(resolve(__dirname, path)).href);
};
