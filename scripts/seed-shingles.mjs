// Writes test/fixtures/seed-shingles.json: a hash of every run of eight words in the source
// articles (../shared/seeds), so the test that keeps the roadmaps in our own words can run
// without the articles' text in this repository. Run it when the seeds change.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const seeds = new URL('../../shared/seeds/', import.meta.url);
const words = (text) => text.toLowerCase().match(/[a-z0-9]+(?:['’][a-z0-9]+)*/g) ?? [];
const hash = (run) => createHash('sha256').update(run).digest('hex').slice(0, 16);
const shingles = new Set();
for (const name of readdirSync(seeds).filter((n) => /^\d{3}_.*\.txt$/.test(n))) {
  const list = words(readFileSync(new URL(name, seeds), 'utf8'));
  for (let i = 0; i + 8 <= list.length; i++) shingles.add(hash(list.slice(i, i + 8).join(' ')));
}
writeFileSync(
  new URL('../test/fixtures/seed-shingles.json', import.meta.url),
  `${JSON.stringify([...shingles].sort())}\n`,
);
console.log(`${shingles.size} eight-word runs`);
