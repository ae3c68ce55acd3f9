/**
 * Word lists and sentence templates for generated stories. The behaviours are the ones
 * real service stories name (calling back, remembering names, explaining options,
 * staying late, following up …), so detection has something true to find.
 */

export const FIRST_NAMES = [
  'Ana', 'Bo', 'Cy', 'Dana', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivo', 'Jun',
  'Kemal', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tala',
  'Umar', 'Vera', 'Wes', 'Xin', 'Yara', 'Zeno', 'Amir', 'Bea', 'Chen', 'Dario',
  'Elif', 'Femi', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Luca', 'Maya', 'Nils',
  'Olga', 'Pablo', 'Rami', 'Sofia', 'Tomas', 'Ula', 'Viktor', 'Wanda', 'Yusuf', 'Zoe',
] as const;

export const SURNAMES = [
  'Novak', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Silva', 'Kowalski', 'Haddad', 'Byrne', 'Rossi',
  'Meyer', 'Castro', 'Nguyen', 'Andersen', 'Dubois', 'Fischer', 'Garcia', 'Ivanova', 'Jensen', 'Khan',
] as const;

export const TEAMS = ['front desk', 'phone support', 'field service', 'billing', 'chat support'] as const;
export const ROLES = ['agent', 'senior agent', 'team lead', 'technician', 'coordinator'] as const;

/** Tags beyond the nine that ship with every database (migration 0010 added knowledge): 31 more make 40. */
export const EXTRA_TAGS = [
  'call-back', 'follow-up', 'remember-name', 'explain-options', 'stay-late', 'own-the-problem',
  'proactive', 'first-contact-resolution', 'warm-handover', 'plain-language', 'apology', 'set-expectations',
  'personal-touch', 'accessibility', 'escalation', 'billing', 'delivery', 'returns',
  'onboarding', 'complaint', 'vip', 'elderly-customer', 'language', 'outage',
  'after-hours', 'repeat-customer', 'internal-it', 'internal-finance', 'teamwork', 'patience',
  'going-extra-mile',
] as const;

export const PRODUCTS = [
  'router', 'invoice', 'subscription', 'delivery', 'refund', 'booking', 'warranty claim', 'account',
  'replacement part', 'insurance form', 'prescription', 'lease contract', 'laptop', 'boiler', 'gift order',
] as const;

export const CUSTOMER_KINDS = [
  'an elderly customer', 'a small-business owner', 'a first-time caller', 'a regular customer',
  'a frustrated parent', 'a visitor from abroad', 'a colleague from finance', 'a colleague from IT',
  'a student', 'a customer in a hurry',
] as const;

export const PROBLEMS = [
  'had been charged twice', 'could not log in', 'was waiting for a late delivery', 'had lost the paperwork',
  'did not understand the new tariff', 'needed the repair before the weekend', 'had been passed around three times',
  'was about to cancel', 'had a deadline that afternoon', 'was upset about a missed appointment',
] as const;

/** A behaviour: the tag it is filed under, and ways people describe it. */
export interface Behaviour {
  tag: (typeof EXTRA_TAGS)[number];
  sentences: readonly string[];
}

export const BEHAVIOURS: readonly Behaviour[] = [
  {
    tag: 'call-back',
    sentences: [
      '{staff} promised to call back within the hour and called back after forty minutes with the answer.',
      '{staff} called the customer back the same afternoon, as promised, before they had to chase anything.',
      'Instead of closing the ticket, {staff} called back the next morning to check that the {product} worked.',
    ],
  },
  {
    tag: 'remember-name',
    sentences: [
      '{staff} remembered the customer by name from a visit months ago and asked how the {product} was going.',
      '{staff} greeted them by name at the door and remembered the details of their last order.',
      'Because {staff} remembered the name and the story, the customer did not have to explain everything again.',
    ],
  },
  {
    tag: 'explain-options',
    sentences: [
      '{staff} explained the options one by one, with the cost of each, and let the customer choose.',
      'Rather than pushing the standard fix, {staff} explained three options in plain words and wrote them down.',
      '{staff} took the time to explain the options for the {product} and what each would mean next month.',
    ],
  },
  {
    tag: 'stay-late',
    sentences: [
      '{staff} stayed late after the shift to finish the {product} so the customer could leave with it.',
      'Although the office was closing, {staff} stayed late and kept the line open until it was solved.',
      '{staff} stayed an extra hour on a Friday evening so that the {product} was ready on Monday.',
    ],
  },
  {
    tag: 'follow-up',
    sentences: [
      '{staff} followed up by email two days later to make sure the {product} had arrived safely.',
      'A week later {staff} followed up with a short call, without being asked, to see if anything was missing.',
      '{staff} set a reminder and followed up on the {product} until the supplier confirmed it.',
    ],
  },
  {
    tag: 'own-the-problem',
    sentences: [
      '{staff} took ownership of the problem instead of transferring the call, and kept the customer informed.',
      'Even though it was another team\'s {product}, {staff} owned the problem from start to finish.',
      '{staff} gave the customer a direct number and handled every step personally.',
    ],
  },
  {
    tag: 'warm-handover',
    sentences: [
      '{staff} walked the customer over to the specialist and introduced them, so nothing had to be repeated.',
      'Before transferring, {staff} briefed the colleague on the {product} so the customer was expected.',
    ],
  },
  {
    tag: 'set-expectations',
    sentences: [
      '{staff} told the customer honestly how long the {product} would take and then delivered a day early.',
      '{staff} set clear expectations about the next steps and sent them in writing.',
    ],
  },
  {
    tag: 'plain-language',
    sentences: [
      '{staff} translated the jargon of the {product} into plain language and drew a small diagram.',
      'Without any technical words, {staff} explained what had gone wrong and why it would not happen again.',
    ],
  },
  {
    tag: 'proactive',
    sentences: [
      '{staff} noticed the {product} would expire next week and renewed it before the customer asked.',
      'Spotting the same fault on the account, {staff} fixed it proactively and let the customer know.',
    ],
  },
];

export const OPENINGS = [
  'On a busy {weekday} morning, {customer} {problem}.',
  'It was nearly closing time when {customer} came in about the {product}; they {problem}.',
  '{customer} phoned the {team} team because they {problem}.',
  'During the {weekday} rush, {customer} wrote in about a {product}: they {problem}.',
  'Late in the afternoon {customer} {problem} and sounded close to giving up.',
  'A {team} ticket came in from {customer} who {problem}.',
] as const;

export const QUALITIES = [
  'Throughout, {staff} stayed calm, friendly and patient, and listened without interrupting.',
  'The customer said {staff} was attentive and kind, and never made them feel rushed.',
  '{staff} kept a positive tone the whole time, even when the customer raised their voice.',
  'Colleagues noticed how clear-headed {staff} stayed while the queue kept growing.',
] as const;

export const RESULTS = [
  'The customer wrote a thank-you note and renewed for another year.',
  'They left smiling and told the manager it was the best service they had had in years.',
  'The complaint was withdrawn and the customer recommended us to a neighbour.',
  'The customer said they felt heard for the first time and cancelled the cancellation.',
  'The problem was solved the same day and the customer posted a glowing review.',
  'Finance closed the month on time and thanked the whole team in the weekly meeting.',
] as const;

/** Sentences about the situation, to bring a story to about 90 words without repeating itself. */
export const CONTEXT = [
  'The {product} had already been sent back once, and the customer had little patience left.',
  'Two colleagues were off sick that day, so the {team} queue was longer than usual.',
  'The customer mentioned that the last time they contacted us nobody had answered the email.',
  'It later turned out that the {product} had been set up wrongly at the very start.',
  'The system was slow all morning, which made every step take twice as long.',
  'Nobody on the team had seen this particular {product} problem before.',
  'The customer had a child with them and clearly wanted to be done quickly.',
  'The usual specialist for the {product} was on holiday that week.',
] as const;

export const IMPACTS = [
  'customer renewed', 'complaint withdrawn', 'five-star review', 'referral to a neighbour',
  'month closed on time', 'saved a cancellation',
] as const;

export const INTERVIEW_LEARNED = ['a friend', 'a web search', 'a flyer', 'their employer', 'a previous job', 'social media'] as const;
export const INTERVIEW_LIKED = [
  'people call back when they say they will', 'staff remember who I am', 'they explain my options',
  'I never wait long', 'the same person follows my case', 'they are friendly',
] as const;
export const INTERVIEW_CHANGE = [
  'shorter hold times', 'a clearer invoice', 'opening on Saturdays', 'fewer transfers', 'updates by text message',
  'nothing really',
] as const;
