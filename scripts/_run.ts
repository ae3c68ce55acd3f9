import { readFileSync } from 'node:fs';
import { phrasesOf, phraseKey } from '../src/core/nlp.ts';
const rows = readFileSync('/work/shared/data/service_positive.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l).text as string);
const neg = readFileSync('/work/shared/data/service_negative.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l).text as string);
const t0=performance.now();
const counts=new Map<string,{n:number,staff:Set<number>,ex:string[]}>();
rows.forEach((t,i)=>{ const seen=new Set<string>(); for(const p of phrasesOf(t)){ const k=p.kind+':'+p.key; if(seen.has(k)) continue; seen.add(k); const c=counts.get(k)??{n:0,staff:new Set(),ex:[]}; c.n++; c.staff.add(i%12); if(c.ex.length<3) c.ex.push(t.slice(p.start,p.end)+' ['+(p.detail??'')+']'); counts.set(k,c);} });
console.error('ms', performance.now()-t0);
const negc=new Map<string,number>();
neg.forEach(t=>{ const seen=new Set<string>(); for(const p of phrasesOf(t)){const k=p.kind+':'+p.key; if(seen.has(k)) continue; seen.add(k); negc.set(k,(negc.get(k)??0)+1);} });
const sorted=[...counts].sort((a,b)=>b[1].staff.size-a[1].staff.size||b[1].n-a[1].n);
for(const [k,c] of sorted.slice(0,60)) { const ng=negc.get(k)??0; const lo=Math.log(((c.n+0.5)/rows.length)/((ng+0.5)/neg.length)); console.log(k.padEnd(32), c.n, c.staff.size, ng, lo.toFixed(2), c.ex.join(' | ')); }
for (const s of ['called back','calls back','call back','Ana called the customer back','remembered her name','explained the options']) console.log(s,'→',phraseKey(s));
