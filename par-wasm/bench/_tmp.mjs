import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as par from 'parindex';
const m = new par.Methodology(readFileSync('/work/main/fixtures/bench/national-commune-100.json','utf8'));
const leaves = m.tree().filter((n) => n.leaf).map((n) => n.code);
const h = (k) => `${Math.trunc(k / 100)}.${String(k % 100).padStart(2, '0')}`;
const entries = {};
leaves.forEach((code, j) => { const s = (j * 13) % 101; entries[code] = { self: h(s), evidence: [`TLKC-${j}`], appraisals: [{round:1, value: h(s), by:'HĐTĐ'}] }; });
const u = { unit: 'Xã 1', entries };
const ut = JSON.stringify(u);
function time(f, runs=2000){ for(let i=0;i<100;i++) f(); const s=[]; for(let i=0;i<runs;i++){const t=performance.now(); f(); s.push(performance.now()-t);} s.sort((a,b)=>a-b); return s[s.length>>1].toFixed(3); }
console.log('scoreFormJson', time(()=>m.scoreFormJson(ut)));
const form = m.openForm(u);
let k = 0;
console.log('form.setJson', time(()=>form.setJson(leaves[5], { self: h(k++ % 100), evidence: ['x'] })));
console.log('form.set', time(()=>form.set(leaves[5], { self: h(k++ % 100), evidence: ['x'] })));
console.log(form.setJson(leaves[5], {self:'9'}).length);
