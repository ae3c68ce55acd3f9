import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPeople, mergePeople, peopleToMerge, personView, removablePerson, removePerson, renamePerson, setPersonActive } from '../../../src/app/people.ts';
import { saveStory } from '../../../src/app/story.ts';
import { ConflictError, NotFoundError, UsageError, ValidationError } from '../../../src/core/errors.ts';
import { NOW, NOW_ISO, tempStore } from '../../helpers/db.ts';
import { storyDraft } from '../../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

const clock = () => NOW;
const names = () => listPeople(store).map((p) => `${p.name}:${p.stories}:${p.active}`);

function story(staff: string[], tags: string[] = []): void {
  saveStory(store, { draft: storyDraft({ text: `${staff.join(' and ')} helped`, occurredOn: '2026-03-17', staff, tags }), practiceIds: [] }, NOW);
}

describe('people use cases', () => {
  it('renames a person loosely named, and refuses a name someone else has without changing anything', () => {
    story(['Ana']);
    story(['Bo']);
    expect(renamePerson(store, { name: 'an', newName: 'Ana Lind' }, clock)).toMatchObject({ name: 'Ana', newName: 'Ana Lind' });
    expect(() => renamePerson(store, { name: 'Bo', newName: 'ana lind' }, clock)).toThrow(ConflictError);
    expect(() => renamePerson(store, { name: 'Bo', newName: '  ' }, clock)).toThrow(ValidationError);
    expect(() => renamePerson(store, { name: 'Cy', newName: 'Cyd' }, clock)).toThrow(NotFoundError);
    expect(names()).toEqual(['Ana Lind:1:true', 'Bo:1:true']);
  });

  it('merges one person into another, and refuses to merge a person into themself', () => {
    story(['Aan']);
    story(['Ana', 'Bo']);
    expect(() => peopleToMerge(store, { from: 'Ana', into: 'ana' })).toThrow(UsageError);
    const { from, into } = peopleToMerge(store, { from: 'Aan', into: 'Ana' });
    expect([from.name, into.name]).toEqual(['Aan', 'Ana']);
    mergePeople(store, { from: 'Aan', into: 'Ana' }, clock);
    expect(names()).toEqual(['Ana:2:true', 'Bo:1:true']);
  });

  it('removes only a person no story credits', () => {
    story(['Ana']);
    store.transaction(() => store.people.ensure('Cy', NOW_ISO));
    expect(() => removablePerson(store, { name: 'Ana' })).toThrow(ConflictError);
    expect(() => removePerson(store, { name: 'Ana' }, clock)).toThrow(ConflictError);
    expect(removablePerson(store, { name: 'Cy' }).name).toBe('Cy');
    removePerson(store, { name: 'Cy' }, clock);
    expect(names()).toEqual(['Ana:1:true']);
  });

  it('deactivates and reactivates, refusing to repeat what a person already is', () => {
    story(['Ana']);
    setPersonActive(store, { name: 'Ana', active: false }, clock);
    expect(names()).toEqual(['Ana:1:false']);
    expect(() => setPersonActive(store, { name: 'Ana', active: false }, clock)).toThrow(ConflictError);
    setPersonActive(store, { name: 'Ana', active: true }, clock);
    expect(names()).toEqual(['Ana:1:true']);
  });

  it('shows a person with their practices, tags and what they could coach', () => {
    store.transaction(() => store.practices.create({ name: 'Call back', matchers: [{ kind: 'tag', value: 'call-back' }] }, NOW_ISO));
    story(['Ana'], ['call-back']);
    story(['Ana'], ['call-back']);
    story(['Bo'], ['walk']);
    story(['Cy'], ['walk']);
    const view = personView(store, { name: 'ana' });
    expect(view).toMatchObject({ name: 'Ana', active: true, stories: 2, lastStoryOn: '2026-03-17', leader: false, coaches: ['Call back'] });
    expect(view.practices).toEqual([expect.objectContaining({ practice: 'Call back', stories: 2, colleaguesWithEvidence: 0, couldCoach: true })]);
    expect(view.tags).toEqual([{ tag: 'call-back', stories: 2 }]);
    expect(() => personView(store, { name: 'Dee' })).toThrow(NotFoundError);
  });
});
