/** npm run eval:matching — precision, recall and F1 of customer matching on eval/matching/pairs.csv, with every error. */
import { evaluate, readPairs } from './evaluate';

const { overall, traps, errors } = evaluate(readPairs());
const pct = (v: number) => v.toFixed(3);
console.log(`pairs: ${overall.pairs} (${traps.pairs} traps), default tenant settings`);
console.log(`overall: precision ${pct(overall.precision)}, recall ${pct(overall.recall)}, F1 ${pct(overall.f1)} ` +
  `(TP ${overall.truePositives}, FP ${overall.falsePositives}, FN ${overall.falseNegatives})`);
console.log(`traps: precision ${pct(traps.precision)} (${traps.flagged} of ${traps.pairs} flagged as the same customer)`);
console.log(`\nerrors (${errors.length}):`);
for (const { pair, match } of errors) {
  const sides = [pair.a, pair.domainA && `<${pair.domainA}>`, '|', pair.b, pair.domainB && `<${pair.domainB}>`].filter(Boolean).join(' ');
  const evidence = match
    ? `matched on ${match.matchedOn}${match.name ? ` by ${match.name.measure} ${match.name.strength}` : ''}, trigram ${match.nameSimilarity}`
    : 'no match';
  console.log(`  ${pair.same ? 'MISSED     ' : 'FALSE ALARM'} ${sides} — ${evidence} (${pair.kind}: ${pair.note})`);
}
