// Test helper: write `count` versions of one JSON file atomically as fast as possible
// (node concurrentWriter.js DIST_FILES FILE COUNT TAG).
const { writeJsonAtomic } = require(process.argv[2]);
const file = process.argv[3];
const n = Number(process.argv[4]);
const tag = process.argv[5];
const big = Array.from({ length: 2000 }, (_, i) => i * 0.5);
for (let i = 0; i < n; i++) writeJsonAtomic(file, { tag, i, big });
