import { snapshotBuild } from '../../bench/cases/snapshot-build.ts';
const r = await snapshotBuild();
console.log(JSON.stringify(r, null, 1));
