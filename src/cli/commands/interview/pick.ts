import { randomInt } from 'node:crypto';
import { pickInterviews } from '../../../app/interview.ts';
import { toDay } from '../../../core/dates.ts';
import { DEFAULT_COOLDOWN_DAYS, DEFAULT_PICK_COUNT, invitationText } from '../../../core/interview.ts';
import { messages } from '../../../core/messages.ts';
import { seededRandom } from '../../../core/random.ts';
import { checkedName } from '../../../core/story.ts';
import { pickTable } from '../../../ui/render/interview.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

interface PickOptions {
  count?: number;
  for?: string;
  segment?: string;
  cooldown?: number;
  seed?: number;
  json?: boolean;
}

export function run(options: WithArgs<PickOptions>, ctx: Context): void {
  const count = options.count ?? DEFAULT_PICK_COUNT;
  const cooldown = options.cooldown ?? DEFAULT_COOLDOWN_DAYS;
  const interviewer = options.for === undefined ? null : checkedName(options.for, '--for', '--for name') || null;
  const today = toDay(ctx.now());
  const random = seededRandom(options.seed ?? randomInt(0x1_0000_0000));
  const picked = pickInterviews(ctx.store(), { count, cooldownDays: cooldown, segment: options.segment, interviewer, random }, ctx.now);

  if (picked.length < count) ctx.info(ctx.err.yellow(messages.fewerEligible(picked.length, count)));
  const template = ctx.settings()['interview.invitation'];
  const invitationFor = (customer: string | null) => invitationText(template, { customer, caller: interviewer });
  if (options.json) {
    const interviews = picked.map(({ interviewId, customer }) => ({
      id: interviewId,
      customerId: customer.id,
      customer: customer.name,
      email: customer.email,
      phone: customer.phone,
      segment: customer.segment,
      interviewer,
      plannedOn: today,
      invitation: invitationFor(customer.name),
    }));
    ctx.print(JSON.stringify({ interviews, invitation: invitationFor(null) }, null, 2));
  } else {
    const look = ctx.look();
    ctx.print(pickTable(picked, look));
    for (const { interviewId, customer } of picked) {
      ctx.print(`\n${look.color.bold(`Invitation to send to ${oneLine(customer.name)}`)} (#${interviewId}; ask for a day, a time and a number):\n\n${invitationFor(customer.name)}`);
    }
  }
  const first = picked[0]?.interviewId;
  ctx.info(`${ctx.err.green('Planned')} ${picked.length} ${picked.length === 1 ? 'interview' : 'interviews'}${interviewer ? ` for ${interviewer}` : ''}.`);
  ctx.info(ctx.err.dim(`hint: when they reply, svc interview agree ${first ?? 'ID'} --on DATE --at HH:MM --phone NUMBER; after the call, svc interview log ${first ?? 'ID'}`));
}
