import type { Db } from '../../src/store/db.ts';

/**
 * Puts at least one row in every table of the schema, as the finished loop would
 * (stories, practices with matchers and evidence, training, procedures, interviews,
 * meetings, a rejected candidate, a setting), so export and import are tested on all
 * of it. A table a migration adds needs a row here too: the round-trip test says so.
 */
export function seedEverything(db: Db, prefix = 'a', at = '2026-03-01T09:00:00.000Z'): void {
  const run = (text: string, ...params: unknown[]) => Number(db.prepare(text).run(...params).lastInsertRowid);
  const uuid = (name: string) => `${prefix}-${name}-0000-0000-000000000000`;
  db.transaction(() => {
    const ana = run('INSERT INTO people (uuid, name, name_key, role, team, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', uuid('ana'), 'Ana', 'ana', 'agent', 'desk', at, at);
    const bo = run('INSERT INTO people (uuid, name, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', uuid('bo'), 'Bo', 'bo', at, at);
    const acme = run(
      'INSERT INTO customers (uuid, name, name_key, kind, email, phone, segment, external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      uuid('acme'), 'Acme Ltd', 'acme ltd', 'external', 'buyer@acme.example', '+44 20 7946 0000', 'retail', `${prefix}-ext-1`, at, at,
    );
    const interview = run(
      `INSERT INTO interviews (uuid, customer_id, interviewer_id, status, planned_on, held_on, learned, liked, change, note, created_at, updated_at)
       VALUES (?, ?, ?, 'done', '2026-02-20', '2026-02-21', 'a friend', 'quick answers', 'longer hours', NULL, ?, ?)`,
      uuid('interview'), acme, ana, at, at,
    );
    const story = run(
      `INSERT INTO stories (uuid, title, text, occurred_on, customer_id, customer_kind, channel, source, trigger, impact, reported_by, interview_id, created_at, updated_at)
       VALUES (?, 'Same-day call', 'Ana called the customer back the same day #call-back', '2026-02-21', ?, 'external', 'phone', 'interview', 'recovery', 'kept the order', ?, ?, ?, ?)`,
      uuid('story1'), acme, bo, interview, at, at,
    );
    const story2 = run(
      `INSERT INTO stories (uuid, text, occurred_on, customer_kind, created_at, updated_at) VALUES (?, 'Bo helped Finance close the month', '2026-02-25', 'internal', ?, ?)`,
      uuid('story2'), at, at,
    );
    run('INSERT INTO story_people (story_id, person_id) VALUES (?, ?), (?, ?), (?, ?)', story, ana, story2, bo, story2, ana);
    const tag = run('INSERT INTO tags (name, created_at) VALUES (?, ?)', `${prefix}-call-back`, at);
    run("INSERT INTO story_tags (story_id, tag_id) VALUES (?, ?), (?, (SELECT id FROM tags WHERE name = 'empathy'))", story, tag, story2);
    const practice = run(
      `INSERT INTO practices (uuid, name, name_key, description, status, status_changed_at, created_at, updated_at)
       VALUES (?, ?, ?, 'call back the same day', 'standard', ?, ?, ?)`,
      uuid('practice'), `Call back ${prefix}`, `call back ${prefix}`, at, at, at,
    );
    run('INSERT INTO practice_status_changes (practice_id, from_status, to_status, changed_at, note) VALUES (?, NULL, ?, ?, NULL), (?, ?, ?, ?, ?)',
      practice, 'candidate', at, practice, 'candidate', 'standard', '2026-03-01T10:00:00.000Z', 'agreed at the meeting');
    run("INSERT INTO practice_matchers (practice_id, kind, value, created_at) VALUES (?, 'tag', ?, ?), (?, 'phrase', ?, ?)", practice, `${prefix}-call-back`, at, practice, `call back ${prefix}`, at);
    run("INSERT INTO evidence (practice_id, story_id, how, created_at) VALUES (?, ?, 'matched', ?), (?, ?, 'manual', ?)", practice, story, at, practice, story2, at);
    run('INSERT INTO rejected_candidates (key, label, rejected_at) VALUES (?, ?, ?)', `phrase:smile ${prefix}`, 'smile', at);
    run('INSERT INTO decided_candidates (key, practice_id, created_at) VALUES (?, ?, ?)', `phrase:check ${prefix}`, practice, at);
    run('INSERT INTO suggestion_rejections (practice_id, story_id, rejected_at) VALUES (?, ?, ?)', practice, story2, at);
    const training = run(
      'INSERT INTO trainings (uuid, practice_id, held_on, facilitator_id, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      uuid('training'), practice, '2026-02-27', ana, 'role play', at, at,
    );
    run('INSERT INTO training_attendees (training_id, person_id) VALUES (?, ?), (?, ?)', training, ana, training, bo);
    const procedure = run(
      'INSERT INTO procedures (uuid, practice_id, version, body, review_every_days, created_at) VALUES (?, ?, 1, ?, 60, ?)',
      uuid('procedure'), practice, 'Call back the same day.', at,
    );
    run('INSERT INTO procedure_sources (procedure_id, story_id) VALUES (?, ?)', procedure, story);
    run('INSERT INTO meetings (uuid, held_on, notes, created_at) VALUES (?, ?, ?, ?)', uuid('meeting'), '2026-03-01', 'weekly', at);
    run('INSERT INTO settings (key, value) VALUES (?, ?)', `${prefix}.drift-weeks`, '4');
    const gone = run(
      "INSERT INTO customers (uuid, kind, segment, forgotten_at, created_at, updated_at) VALUES (?, 'external', 'retail', ?, ?, ?)",
      uuid('gone'), at, at, at,
    );
    run('INSERT INTO customer_forgets (uuid, customer_id, forgotten_at) VALUES (?, ?, ?)', uuid('forget'), gone, at);
    run("INSERT INTO tombstones (table_name, key, deleted_at) VALUES ('stories', ?, ?)", uuid('deleted-story'), at);
    run(
      'INSERT INTO training_sessions (uuid, practice_id, planned_on, starts_at, minutes, facilitator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      uuid('session'), practice, '2026-04-02', '14:00', 60, ana, at, at,
    );
    run('INSERT INTO story_import_keys (key, story_id, imported_at) VALUES (?, ?, ?)', `${prefix}-form-row-1`, story2, at);
    const round = run('INSERT INTO assessment_rounds (uuid, opened_on, closes_on, created_at) VALUES (?, ?, ?, ?)', uuid('round'), '2026-03-01', '2026-03-31', at);
    const question = run(
      'INSERT INTO assessment_questions (uuid, key, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      uuid('question'), `${prefix}-follow-up`, 'We follow up every promise', at, at,
    );
    run('INSERT INTO assessment_takers (round_id, person_id) VALUES (?, ?)', round, ana);
    run('INSERT INTO assessment_answers (round_id, question_id, person_id, score, note) VALUES (?, ?, ?, ?, ?)', round, question, ana, 4, 'kept by name');
    const action = run(
      'INSERT INTO actions (uuid, text, owner_id, due_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      uuid('action'), 'Open longer hours', ana, '2026-04-01', at, at,
    );
    run('INSERT INTO action_sources (action_id, interview_id) VALUES (?, ?)', action, interview);
    run('INSERT INTO teams (uuid, name, name_key, parent_key, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?), (?, ?, ?, ?, ?, ?)',
      uuid('team-support'), `${prefix} Support`, `${prefix} support`, at, at, uuid('team-desk'), `${prefix} Desk`, `${prefix} desk`, `${prefix} support`, at, at);
    run('INSERT INTO training_assignments (uuid, practice_id, person_id, due_on, training_id, done_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, NULL, NULL, ?, ?)',
      uuid('assignment-done'), practice, bo, '2026-03-01', training, '2026-02-27', at, at, uuid('assignment-open'), practice, ana, '2026-04-01', at, at);
    run('INSERT INTO procedure_acks (procedure_id, person_id, acked_at) VALUES (?, ?, ?)', procedure, bo, at);
    run("INSERT INTO interview_practices (interview_id, practice_id, how, created_at) VALUES (?, ?, 'manual', ?)", interview, practice, at);
    run(
      'INSERT INTO signals (uuid, measured_on, measure, value, practice_id, story_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?), (?, ?, ?, ?, NULL, ?, ?, ?)',
      uuid('signal-practice'), '2026-02-28', 'response time (hours)', 6.5, practice, at, at, uuid('signal-story'), '2026-02-21', 'satisfaction', 5, story, at, at,
    );
    run('INSERT INTO succession_pairs (uuid, practice_id, star_id, learner_id, paired_on, created_at) VALUES (?, ?, ?, ?, ?, ?)', uuid('pair'), practice, ana, bo, '2026-03-01', at);
  })();
}
