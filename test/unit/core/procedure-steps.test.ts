import { describe, expect, it } from 'vitest';
import { parseProcedure, procedureSteps } from '../../../src/core/procedure.ts';
import { anchorFor } from '../../../src/ui/render/document.ts';

describe('procedureSteps', () => {
  it('reads numbered, bulleted and plain lines as steps, dropping the marks', () => {
    expect(procedureSteps('1. Ask.\n2. Note it.\n3) Call back.')).toEqual(['Ask.', 'Note it.', 'Call back.']);
    expect(procedureSteps('- Ask\n* Note it\n• Call back')).toEqual(['Ask', 'Note it', 'Call back']);
    expect(procedureSteps('Ask what they need\n\nNote it in the ticket\n')).toEqual(['Ask what they need', 'Note it in the ticket']);
  });

  it('joins a wrapped line to the step it continues', () => {
    expect(procedureSteps('1. Say what you will find out\n   and by when.\n2. Call back.')).toEqual(['Say what you will find out and by when.', 'Call back.']);
  });

  it('splits one paragraph numbered inline, from 1 on', () => {
    expect(procedureSteps('1. Ask. 2. Note it. 3. Call back before 5 pm.')).toEqual(['Ask.', 'Note it.', 'Call back before 5 pm.']);
    expect(procedureSteps('Open at 9. 2 people cover the desk.')).toBeNull();
  });

  it('leaves a procedure holding a code block or indented text as written', () => {
    expect(procedureSteps('Step one.\n```\nsvc report\n```\nStep two.')).toBeNull();
    expect(procedureSteps('Say:\n    "We will call you back today."\nThen note it.')).toBeNull();
  });

  it('leaves one plain paragraph as written', () => {
    expect(procedureSteps('Let them finish. Then summarise and ask.')).toBeNull();
    expect(procedureSteps('')).toBeNull();
  });
});

describe('parseProcedure', () => {
  it('splits the summary, the steps and why it matters at their headings, in any case, with or without the colon', () => {
    expect(parseProcedure('Call back the same day.\n\nSteps:\n1. Note the time.\n2. Call before it.\n\nWhy it matters:\n- Nobody waits')).toEqual({
      lead: 'Call back the same day.',
      steps: ['Note the time.', 'Call before it.'],
      why: ['Nobody waits'],
    });
    expect(parseProcedure('## steps\nCall back.\nwhy it matters\nNobody waits')).toEqual({ lead: null, steps: ['Call back.'], why: ['Nobody waits'] });
  });

  it('without headings, reads the whole text as before', () => {
    expect(parseProcedure('1. Ask.\n2. Note it.')).toEqual({ lead: null, steps: ['Ask.', 'Note it.'], why: [] });
    expect(parseProcedure('Let them finish. Then summarise and ask.')).toEqual({ lead: null, steps: null, why: [] });
  });

  it('drops a step mark with nothing after it', () => {
    expect(parseProcedure('Steps:\n1.\n')).toMatchObject({ steps: [] });
    expect(procedureSteps('1. Ask.\n2.\n3. Call back.')).toEqual(['Ask.', 'Call back.']);
  });
});

describe('anchorFor', () => {
  it('makes the anchor GitHub makes for a Markdown heading', () => {
    expect(anchorFor('Call back the same day')).toBe('call-back-the-same-day');
    expect(anchorFor("Remember the customer's name!")).toBe('remember-the-customers-name');
    expect(anchorFor('Café  à la carte')).toBe('café--à-la-carte');
  });
});
