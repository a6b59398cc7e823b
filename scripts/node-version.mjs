// The Node.js every entry point needs, checked before anything else loads. Plain JavaScript with
// nothing newer than ES2017 syntax: it has to run on the old Node it refuses. SUPPORTED_NODE is
// package.json's "engines" (tests/unit/setup/node-version.test.ts keeps them equal); npm scripts run
// on the Node 24 the project installs (devDependency "node"), whatever the system Node is.

export const SUPPORTED_NODE = { range: '>=24 <25', from: 24, below: 25 };

/** What is wrong with this Node for `entry`, in one sentence; null when it is supported. */
export function nodeVersionProblem(entry, version = process.versions.node) {
  const major = Number(String(version).split('.')[0]);
  if (major >= SUPPORTED_NODE.from && major < SUPPORTED_NODE.below) return null;
  const want = `Node.js ${SUPPORTED_NODE.from}`;
  return `${entry} needs ${want} (package.json engines: ${SUPPORTED_NODE.range}) but this is Node.js ${version}: run it through npm (npm start, npm run headless), which uses the ${want} installed with the project, or install ${want}.`;
}

/** Prints the problem and exits 1 on an unsupported Node; returns quietly otherwise. */
export function exitUnlessSupportedNode(entry) {
  const problem = nodeVersionProblem(entry);
  if (problem === null) return;
  console.error(problem);
  process.exit(1);
}
