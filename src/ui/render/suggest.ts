import type { PracticeSuggestion, SuggestionReason } from '../../core/suggest.ts';
import type { Palette } from '../color.ts';

/** A story suggested for a practice, with its text. */
export interface SuggestedStory {
  storyId: number;
  score: number;
  reason: SuggestionReason;
  story: { text: string };
}

/** "like #7 (0.71) · words: rang, back · qualifier: timing" */
export function reasonText(reason: SuggestionReason): string {
  const parts: string[] = [];
  if (reason.nearestStoryId !== null) parts.push(`like #${reason.nearestStoryId} (${reason.similarity.toFixed(2)})`);
  if (reason.words.length > 0) parts.push(`words: ${reason.words.join(', ')}`);
  if (reason.qualifiers.length > 0) parts.push(`qualifier: ${reason.qualifiers.join(', ')}`);
  return parts.join(' · ') || 'its name';
}

function reasonJson(reason: SuggestionReason) {
  return { nearestStoryId: reason.nearestStoryId, similarity: round(reason.similarity), words: reason.words, qualifiers: reason.qualifiers };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function excerpt(text: string, width = 90): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** `practice suggest NAME --json`. */
export function storySuggestionsJson(practice: { id: number; name: string }, suggestions: readonly SuggestedStory[]): string {
  const out = suggestions.map((s) => ({ storyId: s.storyId, score: round(s.score), text: s.story.text, reason: reasonJson(s.reason) }));
  return JSON.stringify({ practice: { id: practice.id, name: practice.name }, suggestions: out }, null, 2);
}

/** `practice suggest NAME`: each story, likeliest first, with why. */
export function storySuggestionsText(practice: { name: string }, suggestions: readonly SuggestedStory[], color: Palette): string {
  const lines = [`Stories likely to show "${practice.name}", likeliest first:`];
  for (const s of suggestions) lines.push(`  #${String(s.storyId).padEnd(6)} ${excerpt(s.story.text)}`, `          ${color.dim(reasonText(s.reason))}`);
  return lines.join('\n');
}

/** `practice suggest --story ID --json`. */
export function practiceSuggestionsJson(storyId: number, suggestions: readonly PracticeSuggestion[], evidenceOf: ReadonlyArray<{ practiceId: number; name: string }>): string {
  const out = suggestions.map((s) => ({ practiceId: s.practiceId, name: s.name, score: round(s.score), reason: reasonJson(s.reason) }));
  return JSON.stringify({ storyId, evidenceOf, suggestions: out }, null, 2);
}

/** `practice suggest --story ID`: the practices it likely shows, likeliest first, with why. */
export function practiceSuggestionsText(storyId: number, suggestions: readonly PracticeSuggestion[], color: Palette): string {
  const lines = [`Practices story #${storyId} likely shows, likeliest first:`];
  suggestions.forEach((s, i) => lines.push(`  ${i + 1}. ${s.name}`, `     ${color.dim(reasonText(s.reason))}`));
  return lines.join('\n');
}
