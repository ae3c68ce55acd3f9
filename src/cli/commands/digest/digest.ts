import { randomUUID } from 'node:crypto';
import { parsePastDay } from '../../../core/dates.ts';
import { loadDigest, recordDigest } from '../../../app/digest.ts';
import { requireTeam, withinTeam } from '../../../app/teams.ts';
import { loadProgramme } from '../../../app/training-programme.ts';
import { toDay } from '../../../core/dates.ts';
import { digestSubject, type Digest } from '../../../core/digest.ts';
import { parseAddresses, type Address } from '../../../core/email.ts';
import { documentFile, type DigestFormat } from '../../../core/formats.ts';
import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { renderDocument } from '../../../ui/render/document.ts';
import { digestDocument, digestJson } from '../../../ui/render/digest.ts';
import { renderEml } from '../../../ui/render/email.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { writeDocument } from '../../output.ts';
import { indexForEvidence } from '../../phrases.ts';

interface DigestOptions {
  since?: string;
  format?: DigestFormat;
  out?: string;
  to?: string;
  from?: string;
  json?: boolean;
  team?: string;
}

export async function run(options: WithArgs<DigestOptions>, ctx: Context): Promise<void> {
  const settings = ctx.settings();
  const format = options.format ?? 'text';
  const now = ctx.now();
  // Every flag is checked before the database is read.
  const mail = format === 'eml' && !options.json ? mailAddresses(options, settings['digest.to'], settings['digest.from']) : null;
  if (!mail && (options.to !== undefined || options.from !== undefined) && !options.json) {
    throw new UsageError(messages.addressOnlyForEml, messages.addressOnlyForEmlHint);
  }
  const sinceText = options.since?.trim().toLowerCase();
  const since = sinceText === undefined ? undefined : sinceText === 'last-digest' ? 'last-digest' : parsePastDay(options.since ?? '', now, '--since', messages.futureDigestHint);

  await indexForEvidence(ctx);
  const store = ctx.store();
  const team = options.team === undefined ? undefined : requireTeam(store, options.team).name;
  // A team's digest reads its people, the teams inside it and their stories, under its name.
  const loaded = withinTeam(store, team, () => {
    const { digest, notices } = loadDigest(store, { since, settings: team === undefined ? settings : { ...settings, 'team.name': team } }, now);
    return { notices, digest: { ...digest, programme: loadProgramme(store, { today: toDay(now) }) } };
  });
  for (const notice of loaded.notices) ctx.info(notice);
  const digest: Digest = loaded.digest;

  const written = { what: 'the digest', file: documentFile('digest', options.json ? 'json' : format) };
  if (options.json) writeDocument(ctx, options.out, digestJson(digest), written);
  else if (mail) writeDocument(ctx, options.out, emlFor(digest, mail, now), written);
  else writeDocument(ctx, options.out, renderDocument(digestDocument(digest), format === 'eml' ? 'text' : format), written);
  // The next --since last-digest starts after today; a digest without it changes nothing.
  if (since === 'last-digest') recordDigest(store, now);
}

function mailAddresses(options: DigestOptions, configTo: string | null, configFrom: string | null): { to: Address[]; from: Address } {
  const to = options.to ?? configTo;
  const from = options.from ?? configFrom;
  if (to === null) throw new UsageError(messages.digestNeedsAddress('--to', 'digest.to'), messages.digestNeedsAddressHint('--to', 'digest.to'));
  if (from === null) throw new UsageError(messages.digestNeedsAddress('--from', 'digest.from'), messages.digestNeedsAddressHint('--from', 'digest.from'));
  const senders = parseAddresses('--from', from);
  if (senders.length !== 1) throw new UsageError(messages.badAddress('--from', from), messages.badAddressHint('--from'));
  return { to: parseAddresses('--to', to), from: senders[0] as Address };
}

function emlFor(digest: Digest, mail: { to: Address[]; from: Address }, now: Date): string {
  const document = digestDocument(digest);
  const domain = mail.from.address.slice(mail.from.address.lastIndexOf('@') + 1);
  return renderEml({
    ...mail,
    subject: digestSubject(digest),
    date: now,
    messageId: `digest-${digest.until}-${randomUUID()}@${domain}`,
    text: renderDocument(document, 'text'),
    html: renderDocument(document, 'html'),
  });
}
